//! Every update runs in a span carrying its id, its chat and (once routed) its handler, so one
//! grep follows one person's request; what fails is logged inside it. Each update is also counted
//! in the metrics room, by kind, with the time it took to handle.

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;

use crate::metrics::{Metrics, UpdateKind};

use super::HandlerError;
use super::HandlerResult;

/// Runs the rest of the tree inside the update's span, and logs what failed there: at error level
/// what the person did not cause (corrupt data, a database or Telegram failure), at debug level
/// a refusal (the person is told either way, by [`TellTheUser`]).
pub(super) fn traced() -> UpdateHandler<HandlerError> {
    use std::ops::ControlFlow;
    use tracing::Instrument;
    dptree::from_fn_with_description(
        <teloxide::dispatching::DpHandlerDescription as dptree::HandlerDescription>::entry(),
        |deps: dptree::di::DependencyMap, cont: dptree::Cont<'static, HandlerResult>| {
            let update = deps.try_get::<Update>();
            let span = match &update {
                Some(update) => tracing::error_span!(
                    "update",
                    id = update.id.0,
                    chat = update.chat().map(|c| c.id.0),
                    handler = tracing::field::Empty,
                ),
                None => tracing::error_span!("update"),
            };
            let counted = deps.try_get::<Metrics>().zip(update.map(|u| kind_of(&u)));
            async move {
                let started = std::time::Instant::now();
                let flow = cont(deps).await;
                if let Some((metrics, kind)) = counted {
                    metrics.update_handled(kind, started.elapsed());
                }
                if let ControlFlow::Break(Err(failure)) = &flow {
                    if failure.error.is_user() {
                        tracing::debug!(error = %failure.error, "refused a request");
                    } else {
                        tracing::error!(error = %failure.error, "handler failed");
                    }
                }
                flow
            }
            .instrument(span)
        },
        dptree::HandlerSignature::Entry,
    )
}

/// The kind of an update, as the metrics count it.
fn kind_of(update: &Update) -> UpdateKind {
    use teloxide::types::UpdateKind as Kind;
    match &update.kind {
        Kind::Message(_) => UpdateKind::Message,
        Kind::EditedMessage(_) => UpdateKind::EditedMessage,
        Kind::CallbackQuery(_) => UpdateKind::Button,
        _ => UpdateKind::Other,
    }
}

/// Names the handler in the update's span.
pub(super) fn named(handler: &'static str) -> impl Fn() + Send + Sync + 'static {
    move || {
        tracing::Span::current().record("handler", handler);
    }
}

/// Notes an update no handler took: its id, kind and chat only — never what it says.
pub fn unhandled(update: &Update) {
    use teloxide::types::UpdateKind;
    let kind = match &update.kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::EditedMessage(_) => "edited message",
        UpdateKind::CallbackQuery(_) => "button",
        UpdateKind::MyChatMember(_) | UpdateKind::ChatMember(_) => "membership",
        _ => "other",
    };
    let chat = update.chat().map(|c| c.id.0);
    tracing::debug!(id = update.id.0, kind, chat, "update not handled");
}
