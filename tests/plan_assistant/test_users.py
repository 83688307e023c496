"""Web-app accounts: salted scrypt passwords, roles, malformed files, file mode, login lock-out."""
import hashlib
import os
import stat
import threading

import pytest

from plan_assistant.users import LoginGuard, add_user, check, load_users


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


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_scrypt_format_and_salt_per_user(tmp_path):
    path = tmp_path / "users.txt"
    add_user(path, "a", "same-password", "staff")
    add_user(path, "b", "same-password", "staff")
    lines = path.read_text().splitlines()
    fields = [line.split(":") for line in lines]
    assert [f[0] for f in fields] == ["a", "b"] and all(len(f) == 3 and f[2] == "staff" for f in fields)
    kdf, n, r, p, salt, key = fields[0][1].split("$")
    assert (kdf, n, r, p) == ("scrypt", "16384", "8", "1")
    assert fields[0][1].split("$")[4] != fields[1][1].split("$")[4]  # a fresh salt per account
    assert fields[0][1].split("$")[5] != fields[1][1].split("$")[5]  # so equal passwords hash differently
    warnings = []
    users = load_users(path, warnings)
    assert warnings == [] and not users["a"].legacy
    assert check(users, "a", "same-password") and check(users, "b", "same-password")
    assert not check(users, "a", "Same-password") and not check(users, "ghost", "same-password")


def test_legacy_sha256_lines_still_log_in_with_a_warning(tmp_path):
    path = tmp_path / "users.txt"
    path.write_text(f"old:sha256:{hashlib.sha256(b'legacy-pw').hexdigest()}:admin\n")
    os.chmod(path, 0o600)
    warnings = []
    users = load_users(path, warnings)
    assert users["old"].legacy and users["old"].role == "admin"
    assert check(users, "old", "legacy-pw") and not check(users, "old", "other")
    assert len(warnings) == 1 and "'old'" in warnings[0] and "--replace" in warnings[0]
    add_user(path, "old", "new-pw", "admin", replace=True)  # the reset the warning asks for
    warnings = []
    users = load_users(path, warnings)
    assert warnings == [] and not users["old"].legacy and list(users) == ["old"]
    assert check(users, "old", "new-pw") and not check(users, "old", "legacy-pw")


def test_empty_password_and_duplicate_names_refused(tmp_path):
    path = tmp_path / "users.txt"
    with pytest.raises(ValueError, match="empty password"):
        add_user(path, "boss", "", "admin")
    assert not path.exists()
    add_user(path, "boss", "pw1", "admin")
    with pytest.raises(ValueError, match="'boss' already exists"):
        add_user(path, "boss", "pw2", "staff")
    assert len(path.read_text().splitlines()) == 1
    for bad in ("", "a:b", "#x", " padded"):
        with pytest.raises(ValueError, match="bad user name"):
            add_user(path, bad, "pw", "staff")
    path.write_text(path.read_text() + "# comment\n" + path.read_text())
    with pytest.raises(ValueError, match=r"users.txt:3: duplicate user 'boss' \(already on line 1\)"):
        load_users(path, [])


def test_users_file_mode_0600(tmp_path):
    path = tmp_path / "users.txt"
    old_umask = os.umask(0o022)
    try:
        add_user(path, "boss", "pw", "admin")
    finally:
        os.umask(old_umask)
    assert _mode(path) == 0o600
    os.chmod(path, 0o644)
    warnings = []
    load_users(path, warnings)
    assert any("group/others" in w and "0644" in w for w in warnings)
    add_user(path, "staff", "pw", "staff")  # an existing file is made private again
    assert _mode(path) == 0o600
    warnings = []
    load_users(path, warnings)
    assert warnings == []


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_login_guard_locks_a_user_after_five_failures_then_unlocks():
    clock = Clock()
    guard = LoginGuard(clock=clock)
    for i in range(5):
        assert guard.allowed("boss", f"10.0.0.{i}")  # each try from another address
        guard.record("boss", f"10.0.0.{i}", success=False)
        clock.now += 10
    assert not guard.allowed("boss", "10.0.0.99")  # the name is locked from anywhere
    assert guard.allowed("staff", "10.0.0.1")  # other names and those addresses are not
    assert guard.retry_after("boss", None) == pytest.approx(15 * 60 - 50)
    clock.now += 15 * 60 - 50 - 1
    assert not guard.allowed("boss", "10.0.0.99")
    clock.now += 1
    assert guard.allowed("boss", "10.0.0.99")


def test_login_guard_locks_an_address_and_success_clears_the_user():
    clock = Clock()
    guard = LoginGuard(clock=clock)
    for name in ("a", "b", "c", "d"):
        guard.record(name, "192.0.2.7", success=False)
    guard.record("a", "192.0.2.7", success=True)  # clears 'a', not the address
    assert guard.allowed("a", "192.0.2.8")
    guard.record("e", "192.0.2.7", success=False)
    assert not guard.allowed("a", "192.0.2.7") and not guard.allowed("brand-new", "192.0.2.7")
    assert guard.allowed("brand-new", "192.0.2.8")
    clock.now += 15 * 60
    assert guard.allowed("brand-new", "192.0.2.7")


def test_login_guard_is_thread_safe():
    guard = LoginGuard(max_failures=801, window_s=60)

    def hammer():
        for _ in range(200):
            guard.record("boss", "127.0.0.1", success=False)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert guard.allowed("boss", None)  # 800 failures counted, none lost: one more locks
    guard.record("boss", None, success=False)
    assert not guard.allowed("boss", None)


def test_cli_user_command(tmp_path, monkeypatch, capsys):
    from plan_assistant.cli import main

    path = tmp_path / "users.txt"
    monkeypatch.setenv("PLAN_ASSISTANT_NEW_PASSWORD", "pw-1")
    assert main(["user", "boss", "--role", "admin", "--file", str(path)]) == 0
    assert main(["user", "boss", "--role", "admin", "--file", str(path)]) == 2
    assert "'boss' already exists" in capsys.readouterr().err
    monkeypatch.setenv("PLAN_ASSISTANT_NEW_PASSWORD", "pw-2")
    assert main(["user", "boss", "--role", "staff", "--file", str(path), "--replace"]) == 0
    users = load_users(path, [])
    assert users["boss"].role == "staff" and check(users, "boss", "pw-2") and _mode(path) == 0o600
