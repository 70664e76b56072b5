"""Shared helpers used by several menus (Excel, PDF, images)."""
