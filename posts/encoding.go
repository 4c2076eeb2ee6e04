package posts

import (
	"encoding/binary"
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
		case isVietnamese(r):
			viet++
		default:
			other++
		}
	}
	return viet >= 3 && viet > 4*other
}

// isVietnamese reports whether r, beyond ASCII, is one of the letters or
// tone marks that Windows-1258 text written in Vietnamese is made of.
func isVietnamese(r rune) bool {
	switch r {
	case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323,
		'ă', 'Ă', 'â', 'Â', 'đ', 'Đ', 'ê', 'Ê', 'ô', 'Ô', 'ơ', 'Ơ', 'ư', 'Ư',
		'à', 'á', 'è', 'é', 'ì', 'í', 'ò', 'ó', 'ù', 'ú', 'ý', 'ã', 'õ':
		return true
	}
	return false
}

// notLegacy reports, from a count of its bytes, that decodeLegacy would
// leave data as it is, without decoding it. Windows-1258 gives one
// character per byte: ASCII for ASCII, and for 0x80 to 0xBF (the bytes
// that continue a character in UTF-8) never a Vietnamese letter or mark
// (TestNotLegacyBound checks the code page). So the decoded text has at
// most as many Vietnamese characters as data has bytes from 0xC0 up, and
// at least as many others as it has from 0x80 to 0xBF; when the first
// count is at most four times the second, looksVietnamese says no. Text
// in UTF-8, where every byte from 0xC0 up is followed by one to three
// from 0x80 to 0xBF, passes unless it is mostly broken; Vietnamese text
// in Windows-1258 does not. It reads eight bytes at a time, several times
// faster than utf8.Valid, which a body search would otherwise need to
// run through the rest of a body it found its words in early.
func notLegacy(data []byte) bool {
	const high = 0x8080808080808080
	lead, cont := 0, 0
	i := 0
	for i+8 <= len(data) {
		// Per byte, in eight lanes: 1 for a byte from 0x80 up, and 1
		// for one from 0xC0 up. A lane holds up to 255: 255 words.
		var hi, up uint64
		end := min(len(data)-7, i+255*8)
		for ; i < end; i += 8 {
			x := binary.LittleEndian.Uint64(data[i:])
			hi += x & high >> 7
			up += x & (x << 1) & high >> 7
		}
		lead += laneSum(up)
		cont += laneSum(hi) - laneSum(up)
	}
	for ; i < len(data); i++ {
		switch {
		case data[i] >= 0xc0:
			lead++
		case data[i] >= 0x80:
			cont++
		}
	}
	return lead <= 4*cont
}

// laneSum adds up the eight bytes of x.
func laneSum(x uint64) int {
	x = x&0x00ff00ff00ff00ff + x>>8&0x00ff00ff00ff00ff // four sums of two
	return int(x * 0x0001000100010001 >> 48)
}
