//! The record's keyboard review: Space, ← →, Shift+← →, < and >.

use std::sync::Arc;

use leptos::prelude::*;

use super::{control_wants, use_key_shortcuts, UsePlayerReturn};
use crate::domain::playback::player::{step_speed, KEY_STEP};
use crate::domain::playback::timeline::{turn_step, Span};
use crate::state::use_playback;

/// Drives `player` from the keyboard while its record is open. A focused control keeps the keys it
/// uses itself (Space on a button, arrows on the timeline or a menu).
pub fn use_review_keys(player: UsePlayerReturn, spans: Arc<Vec<Span>>) {
    let prefs = use_playback().prefs;
    use_key_shortcuts(move |event| {
        let key = event.key();
        if control_wants(event, &key) {
            return false;
        }
        let now = player.now();
        match key.as_str() {
            " " => player.toggle(),
            "ArrowLeft" | "ArrowRight" if event.shift_key() => {
                match turn_step(&spans, now, key == "ArrowRight") {
                    Some(at) => player.move_to(at),
                    None => return false,
                }
            }
            "ArrowLeft" => player.jump_by(-KEY_STEP),
            "ArrowRight" => player.jump_by(KEY_STEP),
            "<" | ">" => prefs.update(|p| p.speed = step_speed(p.speed, key == ">")),
            _ => return false,
        }
        true
    });
}
