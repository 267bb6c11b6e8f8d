"""Who may do what. The core checks this on every call; the UI only hides what the role cannot use."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_LABELS = {Role.CLERK: "Cán bộ nhập liệu", Role.SUPERVISOR: "Người kiểm tra, phê duyệt",
               Role.ADMIN: "Quản trị"}

PERMISSIONS: dict[str, set[Role]] = {
    "intake": {Role.CLERK, Role.SUPERVISOR, Role.ADMIN},
    "enter": {Role.CLERK, Role.SUPERVISOR},
    "review": {Role.SUPERVISOR},
    "export": {Role.SUPERVISOR, Role.ADMIN},
    "report": {Role.CLERK, Role.SUPERVISOR, Role.ADMIN},
    "read_records": {Role.CLERK, Role.SUPERVISOR, Role.ADMIN},
    "manage_users": {Role.ADMIN},
    "manage_books": {Role.CLERK, Role.SUPERVISOR, Role.ADMIN},
    "backup": {Role.SUPERVISOR, Role.ADMIN},
    "configure_delivery": {Role.ADMIN},
    "manage_settings": {Role.ADMIN},
    "office_settings": {Role.SUPERVISOR, Role.ADMIN},
    "desk_settings": {Role.CLERK, Role.SUPERVISOR, Role.ADMIN},
    "discrepancies": {Role.CLERK, Role.SUPERVISOR},
    "purge_population": {Role.SUPERVISOR, Role.ADMIN},
    "manage_campaign": {Role.SUPERVISOR, Role.ADMIN},
}

ACTION_LABELS = {
    "intake": "nhận trang quét", "enter": "nhập và sửa hồ sơ", "review": "phê duyệt hoặc trả lại hồ sơ",
    "export": "xuất dữ liệu", "report": "xem báo cáo", "read_records": "xem hồ sơ", "manage_users": "quản lý người dùng",
    "manage_books": "tạo và sửa sổ", "backup": "sao lưu dữ liệu",
    "configure_delivery": "cài nơi nhận gói",
    "manage_settings": "đổi cài đặt (tệp mẫu xuất 158)",
    "office_settings": "đổi cài đặt của đơn vị",
    "desk_settings": "đổi cài đặt của máy này",
    "discrepancies": "xử lý danh sách sai lệch và dữ liệu dân cư",
    "purge_population": "xóa dữ liệu dân cư đã nhập",
    "manage_campaign": "đặt kế hoạch chiến dịch số hóa",
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user as the core sees it."""

    id: int
    login: str
    role: Role

    def may(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]
