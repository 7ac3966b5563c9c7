//! The listener: caps how many connections are open at once (answering
//! the ones beyond with 503 and `Retry-After`), closes a connection that
//! stays silent too long, and one whose request head takes too long to
//! arrive however its bytes trickle in (slow or stalled clients).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use std::future::Future;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::Limits;
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{sleep, Instant, Sleep};

/// A TCP listener that keeps at most `max` connections open.
pub struct Guarded {
    inner: TcpListener,
    open: Arc<AtomicUsize>,
    max: usize,
    idle: Duration,
    head: Duration,
}

/// What a connection beyond the cap is told before it is closed.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\
Content-Type: application/json\r\nContent-Length: 45\r\nConnection: close\r\n\r\n\
{\"error\":\"too many connections: retry later\"}";

impl Guarded {
    pub fn new(inner: TcpListener, limits: Limits) -> Guarded {
        Guarded {
            inner,
            open: Arc::new(AtomicUsize::new(0)),
            max: limits.connections.max(1),
            idle: limits.idle,
            head: limits.head,
        }
    }
}

impl axum::serve::Listener for Guarded {
    type Io = Conn;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let (stream, addr) = match self.inner.accept().await {
                Ok(accepted) => accepted,
                Err(_) => {
                    // Out of file descriptors and the like: wait, go on.
                    sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            if self.open.fetch_add(1, Ordering::SeqCst) >= self.max {
                self.open.fetch_sub(1, Ordering::SeqCst);
                // One small write that never waits: the answer fits in the
                // socket's buffer, and a client that reads nothing loses it.
                let _ = stream.try_write(BUSY);
                drop(stream);
                continue;
            }
            let _ = stream.set_nodelay(true);
            return (
                Conn {
                    stream,
                    open: self.open.clone(),
                    idle: self.idle,
                    head: self.head,
                    head_since: None,
                    tail: 0,
                    deadline: Box::pin(sleep(self.idle)),
                },
                addr,
            );
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// One connection: counted while open; reading fails with `TimedOut` when
/// nothing arrives for `idle`, or when a request's head has been arriving
/// for longer than `head` (from its first byte to the blank line that
/// ends it).
pub struct Conn {
    stream: TcpStream,
    open: Arc<AtomicUsize>,
    idle: Duration,
    head: Duration,
    /// When the first byte of a request head still arriving came.
    head_since: Option<Instant>,
    /// The last bytes read, to see a head end (a blank line) across reads.
    tail: u32,
    deadline: Pin<Box<Sleep>>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Conn {
    /// The next time the connection must have shown progress.
    fn next_deadline(&self) -> Instant {
        let idle = Instant::now() + self.idle;
        match self.head_since {
            Some(since) => idle.min(since + self.head),
            None => idle,
        }
    }
}

fn timed_out(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, what.to_string())
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        let before = buf.filled().len();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(r) => {
                let now = Instant::now();
                for &b in &buf.filled()[before..] {
                    if this.head_since.is_none() {
                        this.head_since = Some(now);
                    }
                    this.tail = (this.tail << 8) | u32::from(b);
                    if this.tail == u32::from_be_bytes(*b"\r\n\r\n") {
                        // The head is whole: the handler's time is not the
                        // client's.
                        this.head_since = None;
                    }
                }
                if this.head_since.is_some_and(|t| now > t + this.head) {
                    return Poll::Ready(Err(timed_out("request head too slow")));
                }
                let next = this.next_deadline();
                this.deadline.as_mut().reset(next);
                Poll::Ready(r)
            }
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(timed_out("connection too slow"))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
