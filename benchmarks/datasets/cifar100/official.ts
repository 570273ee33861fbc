/** Published facts about the official CIFAR-100 files (www.cs.toronto.edu/~kriz/cifar.html; md5s as in torchvision). */
export const CIFAR100_ARCHIVES = [
  { name: "cifar-100-binary.tar.gz", md5: "03b5dce01913d631647c71ecec9e9cb8", bytes: 168_513_733 },
  { name: "cifar-100-python.tar.gz", md5: "eb9058c3a382ffc7106e4002c42a8d85", bytes: 169_001_437 },
] as const;

/** The extracted Python-version files. */
export const CIFAR100_PYTHON_FILES = {
  train: "16019d7e3df5f24257cddd939b257f8d",
  test: "f0ef6b0ae62326f3e7ffdfab6717acfc",
  meta: "7973b15100ade9c7d40fb424638fde48",
} as const;

export const CIFAR100_RECORDS = { train: 50_000, test: 10_000 } as const;
export const CIFAR100_IMAGES_PER_CLASS = 600;
/** Binary record: coarse label byte, fine label byte, 1024 R, 1024 G, 1024 B (row-major 32×32). */
export const CIFAR_PIXELS = 3072;
export const CIFAR_BINARY_RECORD = 2 + CIFAR_PIXELS;
