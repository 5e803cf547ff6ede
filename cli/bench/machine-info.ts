import os from 'node:os';

/** The machine a benchmark ran on, recorded beside its numbers. */
export type MachineInfo = {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  dateIso: string;
};

/** Describe this machine (CPU model, logical cores, memory, Node version) and the date. */
export function machineInfo({ now = new Date() }: { now?: Date } = {}): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    dateIso: now.toISOString()
  };
}
