// Tests for the assembled server: health endpoint, the /signal path over plain HTTP, and
// clean shutdown (in-process and of the CLI entry on SIGTERM/SIGINT).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createKnipselServer } from './create-server.js';
import { connectClient } from './test-clients.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('createKnipselServer', () => {
  it('listens on a free port when asked for port 0 and reports it', async () => {
    const a = await createKnipselServer({ port: 0 });
    const b = await createKnipselServer({ port: 0 });
    try {
      expect(a.port).toBeGreaterThan(0);
      expect(a.port).not.toBe(b.port);
      expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
      expect(a.signallingUrl).toBe(`ws://127.0.0.1:${a.port}/signal`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('reports health as JSON', async () => {
    const s = await createKnipselServer({ port: 0 });
    try {
      const c = await connectClient(s.signallingUrl);
      c.send({ type: 'subscribe', topics: ['a', 'b'] });
      await c.roundTrip();
      const res = await fetch(`${s.url}/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await res.json();
      expect(body).toEqual({ ok: true, connections: 1, topics: 2, uptimeSeconds: expect.any(Number) });
      expect(Object.keys(body).sort()).toEqual(['connections', 'ok', 'topics', 'uptimeSeconds']);
      c.ws.terminate();
    } finally {
      await s.close();
    }
  });

  it('answers a plain GET of /signal with 426', async () => {
    const s = await createKnipselServer({ port: 0 });
    try {
      expect((await fetch(`${s.url}/signal`)).status).toBe(426);
    } finally {
      await s.close();
    }
  });

  it('closes WebSockets with 1001 and stops listening on close()', async () => {
    const s = await createKnipselServer({ port: 0 });
    const a = await connectClient(s.signallingUrl);
    const b = await connectClient(s.signallingUrl);
    // A keep-alive HTTP connection must not hold the shutdown up.
    await fetch(`${s.url}/health`);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await a.closed).toBe(1001);
    expect(await b.closed).toBe(1001);
    await expect(fetch(`${s.url}/health`)).rejects.toThrow();
    await s.close(); // idempotent
  });
});

function runMain(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, KNIPSEL_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let sent = false;
    child.stdout.on('data', async (chunk) => {
      stdout += chunk;
      const match = /Knipsel draait op (http:\/\/[^\s/]+)/.exec(stdout);
      if (match && !sent) {
        sent = true;
        try {
          const health = await (await fetch(`${match[1]}/health`)).json();
          expect(health.ok).toBe(true);
          const client = await connectClient(`${match[1].replace('http', 'ws')}/signal`);
          client.closed.then((code) => (stdout += `\n[client closed ${code}]`));
          child.kill(signal);
        } catch (err) {
          child.kill('SIGKILL');
          reject(err);
        }
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => resolve({ code, stdout }), 50);
    });
  });
}

describe('server/main.ts', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints where it runs and exits 0 on %s, closing clients with 1001', async (signal) => {
    const { code, stdout } = await runMain(signal);
    expect(stdout).toMatch(/Knipsel draait op http:\/\/127\.0\.0\.1:\d+\/ — Knipsel is running at/);
    expect(stdout).toContain('[client closed 1001]');
    expect(code).toBe(0);
  });
});
