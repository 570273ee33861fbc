/**
 * The seccomp filter bwrap loads into the sandbox (`--seccomp FD`): the code inside may not send SIGKILL, nor lower
 * its own CPU-time limit. Those are the two ways it could end with a SIGKILL that none of its limits sent, which the
 * session blames on the host (a platform fault: retried, never charged); with them refused (EPERM), a SIGKILL of
 * the runtime can only come from outside. Everything else is allowed, so the runtime and its backends work as before.
 *
 * A classic BPF program over `struct seccomp_data` (nr at 0, arch at 4, argument i's low word at 16 + 8i, its high
 * word at 20 + 8i), for x86-64 only: elsewhere `seccompFilter` returns undefined and no filter is loaded.
 */

const AUDIT_ARCH_X86_64 = 0xc000003e;
/** x32 system calls carry this bit; the filter refuses them all rather than list their numbers too. */
const X32_SYSCALL_BIT = 0x40000000;
const SIGKILL = 9;
const RLIMIT_CPU = 0;
const ALLOW = 0x7fff0000;
const DENY_EPERM = 0x00050000 | 1;

/** x86-64 system calls that send a signal, and the argument holding the signal. */
const SIGNAL_CALLS = {
  kill: [62, 1],
  tkill: [200, 1],
  tgkill: [234, 2],
  rt_sigqueueinfo: [129, 1],
  rt_tgsigqueueinfo: [297, 2],
  pidfd_send_signal: [424, 1],
} as const;
const SETRLIMIT = 160;
const PRLIMIT64 = 302;

const LD_ABS = 0x20;
const JEQ = 0x15;
const JGE = 0x35;
const RET = 0x06;

type Instruction = { code: number; k: number; jt?: string; jf?: string; label?: string };

export function seccompFilter(arch: string = process.arch): Buffer | undefined {
  if (arch !== "x64") return undefined;
  const low = (arg: number) => 16 + 8 * arg;
  const program: Instruction[] = [
    { code: LD_ABS, k: 4 },
    { code: JEQ, k: AUDIT_ARCH_X86_64, jf: "allow" },
    { code: LD_ABS, k: 0 },
    { code: JGE, k: X32_SYSCALL_BIT, jt: "deny" },
    ...Object.values(SIGNAL_CALLS).map(([nr, arg]) => ({ code: JEQ, k: nr, jt: `signal-in-${arg}` })),
    { code: JEQ, k: SETRLIMIT, jt: "setrlimit" },
    { code: JEQ, k: PRLIMIT64, jt: "prlimit" },
    { code: RET, k: ALLOW },
    { label: "signal-in-1", code: LD_ABS, k: low(1) },
    { code: JEQ, k: SIGKILL, jt: "deny", jf: "allow" },
    { label: "signal-in-2", code: LD_ABS, k: low(2) },
    { code: JEQ, k: SIGKILL, jt: "deny", jf: "allow" },
    // setrlimit(resource, new)
    { label: "setrlimit", code: LD_ABS, k: low(0) },
    { code: JEQ, k: RLIMIT_CPU, jt: "deny", jf: "allow" },
    // prlimit64(pid, resource, new, old): reading a limit (new = NULL) stays allowed.
    { label: "prlimit", code: LD_ABS, k: low(1) },
    { code: JEQ, k: RLIMIT_CPU, jf: "allow" },
    { code: LD_ABS, k: low(2) },
    { code: JEQ, k: 0, jf: "deny" },
    { code: LD_ABS, k: low(2) + 4 },
    { code: JEQ, k: 0, jt: "allow", jf: "deny" },
    { label: "allow", code: RET, k: ALLOW },
    { label: "deny", code: RET, k: DENY_EPERM },
  ];
  const at = new Map(
    program.flatMap((instruction, index) => (instruction.label ? [[instruction.label, index] as const] : [])),
  );
  const offset = (from: number, label: string | undefined) => {
    if (label === undefined) return 0;
    const to = at.get(label);
    if (to === undefined || to <= from) throw new Error(`seccomp filter: bad jump to '${label}'`);
    return to - from - 1;
  };
  const bytes = Buffer.alloc(program.length * 8);
  program.forEach((instruction, index) => {
    bytes.writeUInt16LE(instruction.code, index * 8);
    bytes.writeUInt8(offset(index, instruction.jt), index * 8 + 2);
    bytes.writeUInt8(offset(index, instruction.jf), index * 8 + 3);
    bytes.writeUInt32LE(instruction.k >>> 0, index * 8 + 4);
  });
  return bytes;
}
