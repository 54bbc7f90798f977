//! Replies go straight to the Bot API (no queue, no tick), and wait out a 429 instead of failing:
//! Telegram says how long to wait; the same request is sent again, a few times at most.

use std::future::Future;

use teloxide::requests::{Output, Request};
use teloxide::RequestError;

/// 429s waited out before a reply is given up (and logged).
const MAX_WAITS: usize = 5;

/// `.patiently()` on any Bot API request.
pub trait Patiently: Request<Err = RequestError> + Sized + Send + Sync
where
    Output<Self>: Send,
{
    /// Sends the request; on a 429 waits `retry_after` and sends it again.
    fn patiently(self) -> impl Future<Output = Result<Output<Self>, RequestError>> + Send {
        async move {
            for _ in 0..MAX_WAITS {
                match self.send_ref().await {
                    Err(RequestError::RetryAfter(secs)) => {
                        tokio::time::sleep(secs.duration()).await
                    }
                    other => return other,
                }
            }
            self.send_ref().await
        }
    }
}

impl<R> Patiently for R
where
    R: Request<Err = RequestError> + Send + Sync,
    Output<R>: Send,
{
}
