"""Web-app accounts: hashed passwords, roles, malformed files."""
import pytest

from plan_assistant.users import add_user, check, load_users


def test_accounts_roles_and_passwords(tmp_path):
    path = tmp_path / "users.txt"
    add_user(path, "boss", "s3cret", "admin")
    add_user(path, "staff", "pw", "staff")
    users = load_users(path)
    assert users["boss"].role == "admin" and users["staff"].role == "staff"
    assert "s3cret" not in path.read_text()
    assert check(users, "boss", "s3cret") and not check(users, "boss", "pw") and not check(users, "nobody", "pw")
    with pytest.raises(ValueError):
        add_user(path, "x", "y", "root")
    path.write_text("broken line\n")
    with pytest.raises(ValueError, match="expected"):
        load_users(path)
