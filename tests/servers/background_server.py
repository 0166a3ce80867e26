"""The HTTP server every fake service runs on: a ThreadingHTTPServer that serves from a
background thread between ``start()`` and ``stop()``."""

import threading
from http.server import ThreadingHTTPServer

POLL_INTERVAL_S = 0.05  # how fast shutdown() is noticed


class BackgroundHTTPServer(ThreadingHTTPServer):
    """Serves ``handler`` requests on ``address`` in a daemon thread named ``thread_name``;
    ``verbose`` asks handlers to log every request."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, thread_name, verbose=False):
        super().__init__(address, handler)
        self.verbose = verbose
        self._thread_name = thread_name
        self._thread = None

    @property
    def port(self):
        return self.server_address[1]

    def start(self):
        self._thread = threading.Thread(target=self.serve_forever, args=(POLL_INTERVAL_S,),
                                        name=self._thread_name, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()
