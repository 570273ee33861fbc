import fs from "node:fs";
import path from "node:path";
import { importError } from "../import-support";
import { NdArray, pickleText, readPickle, PickleError, type PickleDict, type PickleValue } from "./pickle";
import { checkNames, type CifarPart } from "./records";
import { CIFAR_PIXELS } from "./official";

function load(file: string): PickleDict {
  if (!fs.existsSync(file))
    throw importError(`${path.dirname(file)} has no ${path.basename(file)}: an incomplete copy of the Python version`);
  let value: PickleValue;
  try {
    value = readPickle(fs.readFileSync(file));
  } catch (error) {
    if (error instanceof PickleError) throw importError(`${file}: ${error.message}`);
    throw error;
  }
  if (!(value instanceof Map)) throw importError(`${file} does not hold a dict: not a CIFAR-100 file`);
  return value;
}

function field(file: string, dict: PickleDict, name: string): PickleValue {
  const value = dict.get(name);
  if (value === undefined) throw importError(`${file} has no "${name}" entry: not a CIFAR-100 file`);
  return value;
}

function labels(file: string, dict: PickleDict, name: string): number[] {
  const value = field(file, dict, name);
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return value as number[];
  if (value instanceof NdArray && value.dtype === "u1") return [...value.data];
  if (value instanceof NdArray && value.dtype === "<i8") {
    const view = new DataView(value.data.buffer, value.data.byteOffset, value.data.byteLength);
    return Array.from({ length: value.data.length / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
  }
  throw importError(`${file}: "${name}" is not a list of integer labels`);
}

/** Reads the Python version from its folder: train, test and meta pickles. */
export function readPythonVersion(dir: string): CifarPart[] {
  const metaFile = path.join(dir, "meta");
  const meta = load(metaFile);
  for (const kind of ["fine", "coarse"] as const) {
    const names = field(metaFile, meta, `${kind}_label_names`);
    if (!Array.isArray(names)) throw importError(`${metaFile}: ${kind}_label_names is not a list`);
    checkNames(metaFile, kind, names.map(pickleText));
  }
  return ["train", "test"].map((name) => {
    const file = path.join(dir, name);
    const dict = load(file);
    const data = field(file, dict, "data");
    if (
      !(data instanceof NdArray) ||
      data.dtype !== "u1" ||
      data.shape.length !== 2 ||
      data.shape[1] !== CIFAR_PIXELS
    ) {
      throw importError(`${file}: "data" must be a uint8 array of shape [N, ${CIFAR_PIXELS}]`);
    }
    if (data.data.length !== data.shape[0]! * CIFAR_PIXELS) {
      throw importError(
        `${file}: "data" declares ${data.shape[0]} images but holds ${data.data.length} bytes: truncated`,
      );
    }
    return {
      file,
      fine: labels(file, dict, "fine_labels"),
      coarse: labels(file, dict, "coarse_labels"),
      pixels: data.data,
    };
  });
}
