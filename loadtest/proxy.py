"""A round-robin TCP proxy for the load run: each new connection goes to the next backend
(gunicorn's sync and gthread workers close after each response, so that is each request); a
backend that refuses the connection is skipped, as a load balancer's passive check would.

`python -m loadtest.proxy LISTEN_PORT BACKEND_PORT...` on 127.0.0.1 only."""

import asyncio
import contextlib
import itertools
import sys

HOST = "127.0.0.1"


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(ConnectionError, OSError):
            writer.close()


async def serve(listen: int, backends: list[int]) -> None:
    ring = itertools.cycle(backends)

    async def handle(client_reader, client_writer):
        for _attempt in range(len(backends)):
            port = next(ring)
            try:
                backend_reader, backend_writer = await asyncio.wait_for(
                    asyncio.open_connection(HOST, port), timeout=2
                )
            except (TimeoutError, OSError):
                continue
            await asyncio.gather(
                pipe(client_reader, backend_writer), pipe(backend_reader, client_writer)
            )
            return
        client_writer.close()  # no backend reachable: the client sees the connection drop

    server = await asyncio.start_server(handle, HOST, listen, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), [int(port) for port in sys.argv[2:]]))
