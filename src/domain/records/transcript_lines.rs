//! The platform's plain transcript form: one line per turn, led by the speaker (`AI: Hello` /
//! `User: Hi`). Read into turns, so a record with no message list still reads as a conversation.

use super::call::{Speaker, Turn};

/// The turns of a transcript in line form, or `None` when the text is not in that form (then it is
/// shown as one block, as sent). A line without a speaker continues the turn before it; text before the
/// first speaker means the form is something else.
pub fn turns_from_lines(text: &str) -> Option<Vec<Turn>> {
    let mut turns: Vec<Turn> = Vec::new();
    for line in text.lines() {
        match speaker_of(line) {
            Some((speaker, said)) => turns.push(Turn {
                speaker,
                text: said.trim().to_owned(),
                at_seconds: None,
                duration_seconds: None,
                tool: None,
            }),
            None if line.trim().is_empty() => {}
            None => {
                let turn = turns.last_mut()?;
                if !turn.text.is_empty() {
                    turn.text.push('\n');
                }
                turn.text.push_str(line.trim());
            }
        }
    }
    turns.retain(|turn| !turn.text.is_empty());
    (!turns.is_empty()).then_some(turns)
}

/// The speaker that leads `line` (`AI:`, `bot:`, `assistant:`, `agent:`, `User:`, `customer:`,
/// `human:`, any case) and what follows the colon.
fn speaker_of(line: &str) -> Option<(Speaker, &str)> {
    let (head, rest) = line.trim_start().split_once(':')?;
    let speaker = match head.trim().to_ascii_lowercase().as_str() {
        "ai" | "bot" | "assistant" | "agent" => Speaker::Agent,
        "user" | "customer" | "human" => Speaker::Customer,
        _ => return None,
    };
    Some((speaker, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(turns: &[Turn]) -> Vec<(Speaker, &str)> {
        turns
            .iter()
            .map(|t| (t.speaker.clone(), t.text.as_str()))
            .collect()
    }

    #[test]
    fn speaker_lines_become_turns_without_times() {
        let turns = turns_from_lines("AI: Hello Dana.\nUser: Hi.\n bot : Still there?\nHuman: yes")
            .unwrap();
        assert_eq!(
            said(&turns),
            [
                (Speaker::Agent, "Hello Dana."),
                (Speaker::Customer, "Hi."),
                (Speaker::Agent, "Still there?"),
                (Speaker::Customer, "yes"),
            ]
        );
        assert!(turns.iter().all(|t| t.at_seconds.is_none()));
    }

    #[test]
    fn lines_without_a_speaker_continue_the_turn_and_colons_inside_stay() {
        let turns =
            turns_from_lines("assistant: Your time: 10:30.\nDoes that work?\n\ncustomer: Yes")
                .unwrap();
        assert_eq!(
            said(&turns),
            [
                (Speaker::Agent, "Your time: 10:30.\nDoes that work?"),
                (Speaker::Customer, "Yes"),
            ]
        );
    }

    #[test]
    fn other_text_stays_one_block() {
        for text in [
            "",
            "The customer was not home.",
            "Note: called twice\nAI: hello",
            "Speaker 1: hi\nSpeaker 2: hello",
            "AI:\nUser:",
        ] {
            assert_eq!(turns_from_lines(text), None, "{text:?}");
        }
    }
}
