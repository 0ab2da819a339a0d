"""The labels' whoosh index keeps its writer's temporary files to itself: whoosh's in-memory
storage gave every process the same folder in the temporary directory, which each writer deleted."""

from __future__ import annotations

import tempfile


def test_building_the_labels_index_leaves_another_process_files_in_the_temp_dir(index, tmp_path,
                                                                                  monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    other = tmp_path / "MAIN.tmp"  # the folder another suite's writer is filling
    other.mkdir()
    (other / "MAIN_run1.tmp").write_bytes(b"postings")
    ix = index.build_whoosh()
    assert (other / "MAIN_run1.tmp").read_bytes() == b"postings"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MAIN.tmp"]
    with ix.searcher() as s:
        assert s.doc_count() == len(index.concepts)
