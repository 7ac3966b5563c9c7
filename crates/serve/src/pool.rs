//! A fixed set of read-only store connections, lent one at a time to
//! blocking tasks.

use std::sync::{Condvar, Mutex};

use depeche_store::{Browse, Stop};

/// Store connections, each used by one query at a time.
pub struct Pool {
    free: Mutex<Vec<Box<dyn Browse>>>,
    ready: Condvar,
}

/// A connection on loan; goes back to the pool when dropped, even when the
/// query panicked.
struct Loan<'a> {
    pool: &'a Pool,
    store: Option<Box<dyn Browse>>,
}

impl Drop for Loan<'_> {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            store.stop_when(None);
            let mut free = self.pool.free.lock().unwrap_or_else(|e| e.into_inner());
            free.push(store);
            self.pool.ready.notify_one();
        }
    }
}

impl Pool {
    pub fn new(stores: Vec<Box<dyn Browse>>) -> Pool {
        assert!(!stores.is_empty(), "a pool needs one store at least");
        Pool {
            free: Mutex::new(stores),
            ready: Condvar::new(),
        }
    }

    /// Runs `f` with a free connection, waiting for one if all are busy;
    /// its queries stop when `stop` says so. Blocking: call from a
    /// blocking task.
    pub fn with<T>(&self, stop: Stop, f: impl FnOnce(&dyn Browse) -> T) -> T {
        let store = {
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(s) = free.pop() {
                    break s;
                }
                free = self.ready.wait(free).unwrap_or_else(|e| e.into_inner());
            }
        };
        store.stop_when(Some(stop));
        let loan = Loan {
            pool: self,
            store: Some(store),
        };
        f(loan.store.as_deref().expect("on loan"))
    }
}
