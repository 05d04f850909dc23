import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** A started server: its base URL and a close that also drops idle keep-alive sockets. */
export interface ListeningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (port 0 lets the OS choose) and tracks sockets so `close()` never hangs on keep-alive
 * connections held by an HTTP client's agent.
 */
export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`server did not bind a TCP port on ${host}:${port}; check that the address is free`);
  }
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const socket of sockets) {
          socket.destroy();
        }
      }),
  };
}
