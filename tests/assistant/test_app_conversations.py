"""Conversations are kept per user in the data directory, latest first, and one user never reads another's."""
from assistant.app_conversations import Conversation, ConversationStore


def test_save_list_load_per_user(tmp_path):
    store = ConversationStore(tmp_path)
    first = Conversation(store.new_id(), "งบโครงการ A", 0.0, [{"role": "user", "content": "a"}], [{"n": 1}], "a")
    second = Conversation(store.new_id(), "ข้อมูลทั่วไป", 0.0)
    store.save("alice", first)
    store.save("alice", second)
    assert [cid for _, cid in store.list("alice")] == [second.id, first.id]
    assert store.load("alice", first.id).answers == [{"n": 1}]
    assert store.list("bob") == [] and store.load("bob", first.id) is None
    assert store.load("alice", "../../etc/passwd") is None
    assert all(p.is_relative_to(tmp_path / "conversations") for p in tmp_path.rglob("*.json"))
