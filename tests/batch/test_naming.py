"""Brief file names: the article's stem and '.brief', never a doubled suffix."""

from __future__ import annotations

from summarizer.batch.naming import brief_name, brief_names


def test_suffix_is_not_doubled():
    assert brief_name("post.md") == "post.brief"
    assert brief_name("nested/page.html") == "nested/page.brief"
    assert brief_name("notes") == "notes.brief"


def test_same_stem_in_one_folder_keeps_whole_names():
    names = brief_names(["post.txt", "post.md", "other/post.md", "a.txt"])
    assert names == {"post.txt": "post.txt.brief", "post.md": "post.md.brief", "other/post.md": "other/post.brief",
                     "a.txt": "a.brief"}
    assert len(set(names.values())) == len(names)
