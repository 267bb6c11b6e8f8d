"""`svc.users`: accounts (create, sign in, change, list, sign out). Sign-in failures are committed before
the refusal, and a role changed behind the app's back (not vouched for by the audit chain) is refused."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import audit
from ..changes import Changes, Done
from ..errors import BadInput, NotFound, PermissionDenied, Refused
from ..roles import Actor, Role
from ..security import dummy_hash, hash_password, lock_after, verify_password
from ..store.models import AuditEvent, User, utcnow

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

SYSTEM = "system"
USERS = Changes.of(users=True)


class Users:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    def has_users(self) -> bool:
        with self.svc.store.session() as s:
            return bool(s.scalar(select(func.count(User.id))))

    def create(self, actor: Actor | None, login: str, password: str, role: str, full_name: str = "") -> Done[Actor]:
        """The first user of a new workspace needs no actor; after that only an admin adds users."""
        if self.has_users() or actor is not None:
            self.svc.require(actor, "manage_users")
        login = login.strip()
        if not login or len(login) > 80 or any(c.isspace() for c in login):
            raise BadInput("Tên đăng nhập không được trống, dài quá 80 ký tự hay có khoảng trắng.")
        if len(password) < 6:
            raise BadInput("Mật khẩu phải có ít nhất 6 ký tự.")
        try:
            role_value = Role(role)
        except ValueError:
            raise BadInput(f"Vai trò không hợp lệ: «{role}» (clerk, supervisor, admin).") from None
        with self.svc.store.session() as s:
            if s.scalar(select(User.id).where(User.login == login)):
                raise Refused(f"Tên đăng nhập «{login}» đã có.")
            user = User(login=login, full_name=full_name, role=role_value.value,
                        password_hash=hash_password(password))
            s.add(user)
            s.flush()
            audit.record(s, actor.login if actor else SYSTEM, "user_create", "user", user.id,
                         after={"login": login, "role": role_value.value})
            return Done(Actor(user.id, user.login, role_value), USERS)

    def login(self, login: str, password: str) -> Actor:
        """Checks the password; failures are committed (and slow the next try) before the refusal.

        An unknown or disabled login gets the same answer, the same scrypt work and the same lock-out as a
        known one, so neither the message nor the time tells which logins exist.
        """
        refusal = ""
        wrong = "Sai tên đăng nhập hoặc mật khẩu."
        with self.svc.store.session() as s:
            user = s.scalar(select(User).where(User.login == login))
            now = utcnow()
            if user is None or not user.active:
                failures, last = _recent_failures(s, login, now)
                locked_until = last + lock_after(failures) if last else None
                if locked_until and locked_until > now:
                    refusal = _lock_message(locked_until, now)
                else:
                    verify_password(password, dummy_hash())  # the same work as a real check
                    audit.record(s, login, "login_failed", "user", "")
                    refusal = wrong
            elif user.locked_until and user.locked_until > now:
                refusal = _lock_message(user.locked_until, now)
            elif not verify_password(password, user.password_hash):
                user.failed_logins += 1
                user.locked_until = now + lock_after(user.failed_logins)
                audit.record(s, login, "login_failed", "user", user.id)
                refusal = wrong
            elif not _account_vouched(s, user):
                # `update users set role='admin'` behind the app's back: the chain says otherwise
                audit.record(s, login, "login_refused", "user", user.id, after={"role": user.role})
                refusal = (f"Vai trò hoặc trạng thái của tài khoản «{login}» trong cơ sở dữ liệu không khớp nhật ký "
                           "(có thể đã bị sửa ngoài ứng dụng). Không đăng nhập; hãy báo quản trị.")
            else:
                user.failed_logins, user.locked_until = 0, None
                audit.record(s, login, "login", "user", user.id)
                actor = Actor(user.id, user.login, Role(user.role))
        if refusal:
            raise PermissionDenied(refusal)
        return actor

    def logout(self, actor: Actor) -> None:
        with self.svc.store.session() as s:
            audit.record(s, actor.login, "logout", "user", actor.id)

    def update(self, actor: Actor, login: str, *, role: str | None = None, active: bool | None = None,
               password: str | None = None) -> Done[None]:
        """Admin changes a role, locks or unlocks an account, or sets a new password (never logged)."""
        self.svc.require(actor, "manage_users")
        if password is not None and len(password) < 6:
            raise BadInput("Mật khẩu phải có ít nhất 6 ký tự.")
        if role is not None and role not in {r.value for r in Role}:
            raise BadInput(f"Vai trò không hợp lệ: «{role}» (clerk, supervisor, admin).")
        with self.svc.store.session() as s:
            user = s.scalar(select(User).where(User.login == login))
            if user is None:
                raise NotFound(f"Không có người dùng «{login}».")
            before = {"role": user.role, "active": user.active}
            if user.id == actor.id and (active is False or (role and role != Role.ADMIN.value)):
                raise Refused("Không tự khóa hay tự bỏ quyền quản trị của chính mình.")
            if role is not None:
                user.role = role
            if active is not None:
                user.active = active
            if password is not None:
                user.password_hash = hash_password(password)
                user.failed_logins, user.locked_until = 0, None
            after = {"role": user.role, "active": user.active, **({"password": "(đã đổi)"} if password else {})}
            audit.record(s, actor.login, "user_update", "user", user.id, before, after)
        return Done(None, USERS)

    def list(self, actor: Actor) -> list[dict[str, Any]]:
        """Every account with its role (the review queue filters by clerk; no password or lock state)."""
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            return [{"id": u.id, "login": u.login, "role": u.role, "full_name": u.full_name, "active": u.active}
                    for u in s.scalars(select(User).order_by(User.login))]


def _account_vouched(s: Session, user: User) -> bool:
    """The role and state in the users table are the ones an admin last set, as the audit chain says."""
    told = audit.chain_account(s, user.id)
    return told is not None and told.get("role") == user.role and bool(told.get("active")) == bool(user.active)


def _lock_message(until: dt.datetime, now: dt.datetime) -> str:
    wait = int((until - now).total_seconds()) + 1
    return f"Đăng nhập sai nhiều lần. Hãy thử lại sau {wait} giây."


def _recent_failures(s: Session, login: str, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Failed tries for a login that has no account, from the last hour of the audit trail (read through
    the index on time, so it costs about what a real account's check does): count and the latest time."""
    rows = s.execute(select(AuditEvent.action, AuditEvent.at)
                     .where(AuditEvent.at >= now - dt.timedelta(hours=1), AuditEvent.user_login == login,
                            AuditEvent.action.in_(("login_failed", "login")))
                     .order_by(AuditEvent.id.desc()).limit(64)).all()
    failures = 0
    for action, _ in rows:
        if action == "login":
            break
        failures += 1
    return failures, (rows[0][1] if failures else None)
