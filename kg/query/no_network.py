"""No outbound network from the processes that run user queries.

The engine can fetch over HTTP (SPARQL ``SERVICE``). User queries are checked before they run
(:func:`kg.query.sparql.check_query`), and this is the second wall: a query process calls
:func:`forbid_network` once, before it opens the store, and from then on the kernel refuses
to create IPv4 or IPv6 sockets in it (a seccomp filter; ``EACCES``), so a query that slipped
past the check still cannot reach any address, loopback included. Sockets made before the call
(the pipes to the parent) keep working. Linux on x86-64 and AArch64; elsewhere the function
returns False and only the check guards.

>>> import multiprocessing, socket
>>> def probe(conn):
...     forbid_network()
...     try:
...         socket.socket(socket.AF_INET, socket.SOCK_STREAM)
...         conn.send("made a socket")
...     except PermissionError:
...         conn.send("refused")
>>> if filter_supported():
...     parent, child = multiprocessing.get_context("fork").Pipe()
...     p = multiprocessing.get_context("fork").Process(target=probe, args=(child,)); p.start(); p.join()
...     parent.recv()
... else:
...     'refused'
'refused'
"""
from __future__ import annotations

import ctypes
import platform
import struct
import sys

_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_ERRNO, _EACCES = 0x7FFF0000, 0x00050000, 13
_LD_ABS_W, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_AF_INET, _AF_INET6 = 2, 10
#: machine -> (audit arch, number of the socket() system call)
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_X32_BIT = 0x40000000


def filter_supported() -> bool:
    """True on the platforms where :func:`forbid_network` installs its filter."""
    return sys.platform.startswith("linux") and platform.machine() in _ARCHES


def _program(arch: int, socket_nr: int) -> tuple[bytes, int]:
    # struct sock_filter {u16 code; u8 jt; u8 jf; u32 k}; a jump counts from the next instruction
    insns = [
        (_LD_ABS_W, 0, 0, 4),                   # 0: A = audit arch
        (_JEQ_K, 0, 7, arch),                   # 1: another arch -> 9 allow
        (_LD_ABS_W, 0, 0, 0),                   # 2: A = system call number
        (_JGE_K, 4, 0, _X32_BIT),               # 3: the x32 ABI -> 8 refuse
        (_JEQ_K, 0, 4, socket_nr),              # 4: not socket() -> 9 allow
        (_LD_ABS_W, 0, 0, 16),                  # 5: A = address family (low word of argument 0)
        (_JEQ_K, 1, 0, _AF_INET),               # 6: IPv4 -> 8 refuse
        (_JEQ_K, 0, 1, _AF_INET6),              # 7: IPv6 -> 8 refuse, else 9 allow
        (_RET_K, 0, 0, _RET_ERRNO | _EACCES),   # 8: refuse with EACCES
        (_RET_K, 0, 0, _RET_ALLOW),             # 9: allow
    ]
    return b"".join(struct.pack("HBBI", *i) for i in insns), len(insns)


def forbid_network() -> bool:
    """Refuse IPv4/IPv6 sockets in this process from now on; True if the filter is in place.

    Irreversible for the process (and the processes it forks): call it only in a process
    whose job is to run queries.
    """
    if not filter_supported():
        return False
    arch, socket_nr = _ARCHES[platform.machine()]
    code, n = _program(arch, socket_nr)
    buf = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(n, ctypes.cast(buf, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0


__all__ = ["forbid_network", "filter_supported"]
