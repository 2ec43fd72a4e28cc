/** Listening on 127.0.0.1 only: a port in use said in French, a free port for tests. */
import type { Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

/** Listens on 127.0.0.1:`port` (0: a free one); resolves with the port. */
export async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE'
      ? Object.assign(new Error(`Le port ${port} est déjà utilisé : arrêtez l’autre serveur ou choisissez PORT=…`), { code: 'EADDRINUSE' })
      : e));
    server.listen(port, '127.0.0.1', () => ok());
  });
  return (server.address() as AddressInfo).port;
}
