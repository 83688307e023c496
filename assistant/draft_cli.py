"""`plan-assistant draft "topic" [--docx out.docx] [--md out.md]`: a cited rationale on the command line."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from assistant.draft_export import draft_to_docx, draft_to_markdown, reference_text
from assistant.records import Answer


def draft_answer(assistant, topic: str) -> Answer:
    """The pipeline's draft for a topic or project name, whatever words the request uses (route forced to draft)."""
    from assistant.pipeline import Turn

    turn = assistant.route(assistant.resolve(Turn(topic)))
    turn.query.route = "draft"
    return assistant.finish(assistant.write(assistant.gather(turn)))


def run_draft(args: argparse.Namespace, settings) -> int:
    """Print the draft and its references; write .docx / .md where asked. Exit 2 when there is no index."""
    from assistant.pipeline import Assistant

    if getattr(args, "engine", None):
        settings = replace(settings, engine=args.engine)
    try:
        assistant = Assistant(settings)
    except (RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        answer = draft_answer(assistant, args.topic)
    finally:
        assistant.close()
    print(answer.answer + "\n")
    language = "en" if answer.answer.startswith("Draft") or answer.answer.startswith("The plan") else "th"
    for c in answer.citations:
        print(f"[{c.n}] {reference_text(c, language)}")
    if answer.dropped:
        print(f"\n{len(answer.dropped)} sentence(s) dropped:")
        for d in answer.dropped:
            print(f"  - {d}")
    if args.docx:
        Path(args.docx).write_bytes(draft_to_docx(answer))
        print(f"wrote {args.docx}")
    if args.md:
        Path(args.md).write_text(draft_to_markdown(answer), encoding="utf-8")
        print(f"wrote {args.md}")
    return 1 if answer.refused else 0
