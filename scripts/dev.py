#!/usr/bin/env python3
"""Set up, run, test and lint the portal with nothing but Python 3.11+ (no make needed).

    python3 scripts/dev.py run [--port 8000]   # .venv, migrations, demo data (fresh database only), server
    python3 scripts/dev.py demo-reset [--yes]  # empty the database and load the demo again
    python3 scripts/dev.py test [PYTEST_ARGS]  # .venv, then the whole pytest suite
    python3 scripts/dev.py lint                # ruff, djlint and mypy
    python3 scripts/dev.py setup               # only create or update .venv

The virtual environment lives in .venv and is reinstalled from requirements-dev.txt only when a
requirements file changed since the last install (a hash is kept in .venv). Nothing here sets
DATABASE_URL or REDIS_URL, so the portal runs on SQLite under var/ with Celery tasks executed
in-process unless the caller's environment says otherwise.

The browser tests drive Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`);
Playwright's own browser download is not used, and those tests fail when Chromium is missing.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
STAMP = VENV / ".requirements.sha256"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    """Print a progress line that stands out from the tools' own output."""
    print(f"==> {message}", flush=True)


def call(*args: str | Path, env: dict[str, str] | None = None) -> int:
    """Run a command in the repository root and return its exit code."""
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env).returncode


def check(*args: str | Path) -> None:
    """Run a command and stop the script with its exit code if it fails."""
    code = call(*args)
    if code != 0:
        say(f"Lệnh thất bại (mã {code}): {' '.join(str(a) for a in args)}")
        sys.exit(code)


def requirements_hash() -> str:
    """Hash both requirements files, so an edit to either triggers a reinstall."""
    digest = hashlib.sha256()
    for path in REQUIREMENTS:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv if missing and install requirements-dev.txt when the requirements changed."""
    if not PYTHON.exists():
        say("Đang tạo môi trường ảo .venv…")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = requirements_hash()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("Đang cài đặt thư viện từ requirements-dev.txt…")
    check(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", "requirements-dev.txt")
    STAMP.write_text(wanted + "\n")
    say("Đã cài đặt xong thư viện.")


def manage(*args: str) -> None:
    """Run a manage.py command with the virtual environment's Python, stopping on failure."""
    check(PYTHON, "manage.py", *args)


def load_demo_data(*options: str) -> None:
    """Load the demo province; with --if-fresh only into a database that holds nothing yet."""
    if not any(ROOT.glob("*/management/commands/load_demo_data.py")):
        say("Chưa có lệnh load_demo_data: bỏ qua bước nạp dữ liệu demo.")
        return
    say("Đang nạp dữ liệu demo…")
    manage("load_demo_data", *options)


def print_welcome(port: int) -> None:
    """Print the address of the portal; load_demo_data has just printed the demo logins."""
    print()
    print(f"Cổng kế hoạch đối ngoại: http://127.0.0.1:{port}/")
    print("Đăng nhập bằng một tài khoản demo ở danh sách trên. Nhấn Ctrl+C để dừng máy chủ.")
    print(flush=True)


def command_run(port: int) -> None:
    """Prepare the database and demo data, then replace this process with the development server."""
    ensure_venv()
    say("Đang cập nhật cơ sở dữ liệu (migrate)…")
    manage("migrate", "--noinput")
    # Only a fresh database gets the demo: a restart never overwrites what a user changed.
    load_demo_data("--if-fresh")
    print_welcome(port)
    env = {**os.environ, "DEBUG": "1"}
    os.execve(PYTHON, [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}"], env)


def command_demo_reset(confirmed: bool) -> int:
    """Empty the database (every table), migrate and load the demo again, after a confirmation."""
    ensure_venv()
    if not confirmed:
        answer = input("Xóa TOÀN BỘ dữ liệu trong cơ sở dữ liệu và nạp lại dữ liệu demo? Gõ 'co' để đồng ý: ")
        if answer.strip().lower() not in ("co", "có", "y", "yes"):
            say("Đã hủy: không thay đổi gì.")
            return 1
    say("Đang xóa dữ liệu (flush)…")
    manage("flush", "--noinput")
    manage("migrate", "--noinput")
    load_demo_data()
    return 0


def command_test(pytest_args: list[str]) -> int:
    """Run the whole test suite, browser tests included, and return pytest's exit code."""
    ensure_venv()
    if not CHROMIUM.exists():
        say(f"Không tìm thấy {CHROMIUM}: các bài kiểm thử trình duyệt sẽ thất bại.")
        say("Cài Chromium của Debian bằng: apt-get install chromium")
    say("Đang chạy bộ kiểm thử…")
    return call(PYTHON, "-m", "pytest", *pytest_args)


def command_lint() -> int:
    """Run ruff's linter and formatter check; fail if either finds something."""
    ensure_venv()
    say("Đang kiểm tra mã nguồn (ruff check)…")
    lint_code = call(BIN / "ruff", "check", ".")
    say("Đang kiểm tra định dạng (ruff format --check)…")
    format_code = call(BIN / "ruff", "format", "--check", ".")
    say("Đang kiểm tra mẫu giao diện (djlint)…")
    templates = ["templates", *(str(path) for path in sorted(ROOT.glob("*/templates")))]
    template_code = call(BIN / "djlint", "--lint", *templates)
    say("Đang kiểm tra kiểu dữ liệu (mypy)…")
    type_code = call(BIN / "mypy")
    return lint_code or format_code or template_code or type_code


def parse_args() -> tuple[argparse.Namespace, list[str]]:
    """Parse the subcommand; arguments after `test` that dev.py does not know go to pytest."""
    parser = argparse.ArgumentParser(description="Công cụ phát triển cổng kế hoạch đối ngoại.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="chạy cổng ở máy phát triển")
    run.add_argument("--port", type=int, default=8000, help="cổng HTTP (mặc định 8000)")
    commands.add_parser("test", help="chạy toàn bộ bộ kiểm thử (tham số thêm được chuyển cho pytest)")
    commands.add_parser("lint", help="ruff check và ruff format --check")
    reset = commands.add_parser("demo-reset", help="xóa toàn bộ dữ liệu và nạp lại dữ liệu demo")
    reset.add_argument("--yes", action="store_true", help="không hỏi xác nhận")
    commands.add_parser("setup", help="chỉ tạo hoặc cập nhật môi trường ảo .venv")
    args, extra = parser.parse_known_args()
    if extra and args.command != "test":
        parser.error(f"tham số không hợp lệ: {' '.join(extra)}")
    return args, extra[1:] if extra[:1] == ["--"] else extra


def main() -> None:
    args, extra = parse_args()
    os.chdir(ROOT)
    if args.command == "run":
        command_run(args.port)
    elif args.command == "test":
        sys.exit(command_test(extra))
    elif args.command == "lint":
        sys.exit(command_lint())
    elif args.command == "demo-reset":
        sys.exit(command_demo_reset(args.yes))
    else:
        ensure_venv()


if __name__ == "__main__":
    main()
