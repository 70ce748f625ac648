"""gunicorn's gthread worker, plus an X-Request-Start stamp taken when a request reached it.

A gthread worker accepts connections eagerly and queues them for its threads: that queue is
where an overload waits. The stamp lets LoadSheddingMiddleware answer 503 at once to a request
that waited too long (its client has likely given up). A proxy's own stamp, taken earlier, is
kept. gunicorn.conf.py names this class; nothing else imports it.
"""

import time

from gunicorn.workers.gthread import ThreadWorker


class QueueStampingThreadWorker(ThreadWorker):
    def enqueue_req(self, conn):
        conn.queued_at = time.time()
        super().enqueue_req(conn)

    def handle_request(self, req, conn):
        queued_at = getattr(conn, "queued_at", None)
        if queued_at and not any(name == "X-REQUEST-START" for name, _ in req.headers):
            req.headers.append(("X-REQUEST-START", f"t={queued_at:.6f}"))
        return super().handle_request(req, conn)
