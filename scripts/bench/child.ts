import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs a TypeScript entry in its own Node process; resolves once it prints LISTENING <port>. */
export function startChild(entry: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code} before listening`)));
  });
}

/** Runs a TypeScript entry to completion and returns the JSON it prints last. */
export function runChild<T>(entry: string, args: string[] = [], nodeArgs: string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, entry), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${entry} exited with ${code}`));
      const last = out.trim().split('\n').pop()!;
      resolve(JSON.parse(last) as T);
    });
  });
}
