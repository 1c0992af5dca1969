"""Message catalogues: the user-interface strings of Debian programs, English msgid -> Spanish msgstr.

GNU gettext catalogues (`.mo`) hold each English string of a program's interface with its Spanish
translation, so every entry is already aligned. Only the Spanish catalogues of PACKAGES are read
(`*/es/LC_MESSAGES/*.mo` anywhere in the tree: /usr/share/locale, and LibreOffice's
/usr/lib/libreoffice/program/resource). Entries are short (menu items, messages, tooltips); the
driver's filters keep the ones that are sentences or phrases of words.

What an entry loses on the way: keyboard accelerator marks (`_File`, `~File`, `&File`) are removed
on both sides; plural entries give their singular forms; fuzzy entries are never compiled into a
.mo, so none is read. Entries whose msgid has printf or brace placeholders are kept only when the
Spanish side has the same placeholders, and the placeholders are left in the text: the model sees
them as they appear in the interface.
"""
import re
import struct

from . import Block, collapse

PACKAGES = [
    "libreoffice-l10n-es", "coreutils", "util-linux-locales", "gimp-data", "libgtk-3-common",
    "inkscape", "nautilus-data", "gnome-control-center-data", "evince-common", "gedit-common",
    "apt", "dpkg", "tar", "grep", "findutils", "gettext-base", "vlc-l10n",
]
LICENCE = "each package's own (GPL/LGPL/MPL)"

# Accelerator marks: an underscore, tilde or ampersand right before a letter ("_File", "Save ~As").
_ACCELERATOR = re.compile(r"(?<![_~&])[_~&](?=[^\W\d_])")
_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[hlLqjzt]*[diouxXeEfgGcspn%]|\{[^{}]*\}|\$\w+|%\d")


def read_mo(data):
    """(msgid, msgstr) byte pairs of a GNU .mo file; contexts and plural forms as stored."""
    if len(data) < 28:
        raise ValueError("too short for a .mo file")
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">" if magic == 0xDE120495 else None
    if order is None:
        raise ValueError("not a .mo file (bad magic number)")
    count, ids_at, strs_at = struct.unpack(order + "3I", data[8:20])
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", data[ids_at + 8 * i: ids_at + 8 * i + 8])
        str_len, str_off = struct.unpack(order + "2I", data[strs_at + 8 * i: strs_at + 8 * i + 8])
        if id_off + id_len > len(data) or str_off + str_len > len(data):
            raise ValueError("an entry points past the end of the file")
        yield data[id_off:id_off + id_len], data[str_off:str_off + str_len]


def clean(text):
    """One interface string as prose: no accelerator marks, whitespace collapsed."""
    text = _ACCELERATOR.sub("", text)
    return collapse(text.replace("\\n", " "))


def entry_pair(msgid, msgstr):
    """(en, es) of one entry, or None for the header, empty translations and broken entries."""
    try:
        en, es = msgid.decode("utf-8"), msgstr.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not en or not es:
        return None
    en = en.split("\x04", 1)[-1].split("\0", 1)[0]     # drop the context; singular of a plural
    es = es.split("\0", 1)[0]
    if sorted(_PLACEHOLDER.findall(en)) != sorted(_PLACEHOLDER.findall(es)):
        return None
    return clean(en), clean(es)


def extract(root):
    for path in sorted(root.rglob("*.mo")):
        if path.parent.name != "LC_MESSAGES" or path.parent.parent.name != "es":
            continue
        doc = str(path.relative_to(root))
        for msgid, msgstr in read_mo(path.read_bytes()):
            pair = entry_pair(msgid, msgstr)
            if pair and pair[0] and pair[1]:
                yield Block(doc, pair[0], pair[1])
