"""Applicants → organizations (一个单位一个名称) and the applicant's region when an export has no address.

Sits between the register (rights) and the domain apps: it reads the register's applicants and is
read by programs, reports and the web; docs/organizations.md."""
