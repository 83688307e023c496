from pathlib import Path

import pytest

from plan_assistant.config import load_settings


def test_defaults_then_file_then_env(tmp_path, monkeypatch):
    monkeypatch.delenv("PLAN_ASSISTANT_TOP_K", raising=False)
    assert load_settings(tmp_path / "none.toml").data_dir == Path("data")
    cfg = tmp_path / "c.toml"
    cfg.write_text('data_dir = "/srv/plans"\ntop_k = 8\nbm25_weight = 2.0\n', encoding="utf-8")
    s = load_settings(cfg)
    assert s.data_dir == Path("/srv/plans") and s.top_k == 8 and s.bm25_weight == 2.0
    monkeypatch.setenv("PLAN_ASSISTANT_TOP_K", "3")
    assert load_settings(cfg).top_k == 3
    assert load_settings(cfg, top_k=11).top_k == 11


def test_unknown_key_is_an_error(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("chunk_size = 10\n", encoding="utf-8")
    with pytest.raises(ValueError, match="chunk_size"):
        load_settings(cfg)


def test_input_limit_defaults_and_env(tmp_path, monkeypatch):
    monkeypatch.delenv("PLAN_ASSISTANT_MAX_FILE_MB", raising=False)
    monkeypatch.delenv("PLAN_ASSISTANT_MAX_PDF_PAGES", raising=False)
    s = load_settings(tmp_path / "none.toml")
    assert (s.max_file_mb, s.max_docx_xml_mb, s.max_pdf_pages) == (100, 50, 2000)
    monkeypatch.setenv("PLAN_ASSISTANT_MAX_DOCX_XML_MB", "20")
    assert load_settings(tmp_path / "none.toml").max_docx_xml_mb == 20
