package posts

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// legacyNote tells the reader why the text looks right though the file is
// not UTF-8.
const legacyNote = "decoded from Windows-1258, the legacy Vietnamese code page; save the file as UTF-8"

// decodeLegacy turns text saved in Windows-1258 into UTF-8. Only text that
// is not valid UTF-8 and reads as Vietnamese once decoded is converted:
// anything else is left for the caller to show with replacement
// characters, never as raw bytes.
func decodeLegacy(data []byte) ([]byte, bool) {
	if utf8.Valid(data) {
		return data, false
	}
	out, err := charmap.Windows1258.NewDecoder().Bytes(data)
	if err != nil || !looksVietnamese(out) {
		return data, false
	}
	return out, true
}

// looksVietnamese reports whether text decoded from Windows-1258 reads as
// Vietnamese: its letters beyond ASCII are Vietnamese ones or the tone
// marks that code page writes as combining characters, and there are
// enough of them to matter.
func looksVietnamese(b []byte) bool {
	viet, other := 0, 0
	for _, r := range string(b) {
		switch {
		case r < utf8.RuneSelf:
		case r == 0x0300 || r == 0x0301 || r == 0x0303 || r == 0x0309 || r == 0x0323,
			r == 'ă' || r == 'Ă' || r == 'â' || r == 'Â' || r == 'đ' || r == 'Đ',
			r == 'ê' || r == 'Ê' || r == 'ô' || r == 'Ô' || r == 'ơ' || r == 'Ơ' || r == 'ư' || r == 'Ư',
			r == 'à' || r == 'á' || r == 'è' || r == 'é' || r == 'ì' || r == 'í' || r == 'ò' || r == 'ó',
			r == 'ù' || r == 'ú' || r == 'ý' || r == 'ã' || r == 'õ':
			viet++
		default:
			other++
		}
	}
	return viet >= 3 && viet > 4*other
}
