package postgen

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// pick draws one entry of list from the post's random stream.
func (g *gen) pick(list []string) string {
	return list[g.r.IntN(len(list))]
}

// appendTitle writes a headline: mostly "Subject verb object", sometimes a
// question or a quote, the way news sites vary them.
func (g *gen) appendTitle(b []byte, w *vocab) []byte {
	switch n := g.r.IntN(100); {
	case n < 12:
		b = append(b, w.questionHead...)
		if w.questionTail != nil {
			b = append(b, g.pick(w.objects)...)
			return append(b, g.pick(w.questionTail)...)
		}
		b = append(b, g.pick(w.subjects)...)
		b = append(b, ' ')
		b = append(b, g.pick(w.verbs)...)
		b = append(b, ' ')
		b = append(b, g.pick(w.objects)...)
		return append(b, '?')
	case n < 25:
		b = append(b, g.pick(w.quoteBy)...)
		b = append(b, ": '"...)
		b = appendCap(b, g.pick(w.claims))
		return append(b, '\'')
	}
	b = append(b, g.pick(w.titleSubjects)...)
	b = append(b, ' ')
	b = append(b, g.pick(w.titleVerbs)...)
	b = append(b, ' ')
	return append(b, g.pick(w.objects)...)
}

func (g *gen) appendLink(b []byte, w *vocab, s story) []byte {
	b = append(b, w.linkBase[s.section%len(w.linkBase)]...)
	b = appendSlug(b, g.title, 8)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(s.article), 10)
	return append(b, w.linkExt...)
}

// appendBody writes the link line, the image line and paragraphs until the
// body holds at least target bytes, then the author's name.
func (g *gen) appendBody(b []byte, w *vocab, target int) []byte {
	start := len(b)
	b = append(b, '[')
	b = append(b, g.title...)
	b = append(b, "]("...)
	b = append(b, g.link...)
	b = append(b, ")\n\n!["...)
	b = append(b, g.title...)
	b = append(b, "]("...)
	b = append(b, w.imageBase...)
	b = g.date.AppendFormat(b, "2006/01/02/")
	b = appendSlug(b, g.title, 4)
	b = append(b, ".jpg)\n\n"...)

	// The lede states the news plainly.
	mark := len(b)
	b = g.appendClause(b, w)
	b = append(capAt(b, mark), ".\n\n"...)
	for p := 0; len(b)-start < target; p++ {
		switch n := g.r.IntN(100); {
		case p == 1 && n < 80:
			// A photo caption, as the source sites put under the image.
			c := w.captions[g.r.IntN(len(w.captions))]
			b = append(b, c[0]...)
			b = append(b, g.pick(w.objects)...)
			b = append(b, c[1]...)
			b = append(b, w.photo...)
			b = append(b, g.pick(w.authors)...)
		case p > 2 && n < 6:
			// Never leave a heading without a paragraph under it.
			b = append(b, "## "...)
			b = append(b, g.pick(w.headings)...)
			b = append(b, "\n\n"...)
			b = g.appendParagraph(b, w, start, target)
		case p > 2 && n < 10:
			b = append(b, g.pick(w.listIntro)...)
			b = append(b, '\n')
			for k := 3 + g.r.IntN(3); k > 0; k-- {
				b = append(b, "\n- "...)
				b = appendCap(b, g.pick(w.objects))
			}
		case n < 22:
			b = g.appendQuote(b, w)
			if n < 16 {
				b = append(b, ' ')
				b = g.appendSentence(b, w)
			}
		default:
			b = g.appendParagraph(b, w, start, target)
		}
		b = append(b, "\n\n"...)
	}
	b = append(b, g.pick(w.authors)...)
	return append(b, '\n')
}

// appendParagraph writes two to five sentences, fewer if the body reaches
// target (counted from start) before that.
func (g *gen) appendParagraph(b []byte, w *vocab, start, target int) []byte {
	b = g.appendSentence(b, w)
	for k := 1 + g.r.IntN(4); k > 0 && len(b)-start < target; k-- {
		b = append(b, ' ')
		b = g.appendSentence(b, w)
	}
	return b
}

func (g *gen) appendSentence(b []byte, w *vocab) []byte {
	switch n := g.r.IntN(100); {
	case n < 15:
		b = append(b, g.pick(w.sources)...)
		b = g.appendClause(b, w)
	case n < 27:
		b = append(b, g.pick(w.connectors)...)
		b = g.appendClause(b, w)
	case n < 40:
		b = append(b, g.pick(w.claimIntro)...)
		b = append(b, g.pick(w.claims)...)
	case n < 52:
		m := w.metrics[g.r.IntN(len(w.metrics))]
		b = append(b, m[0]...)
		b = append(b, ' ')
		if g.r.IntN(3) == 0 {
			b = append(b, w.down...)
		} else {
			b = append(b, w.up...)
		}
		b = append(b, ' ')
		b = g.appendNumber(b, w, 1+g.r.IntN(60))
		b = append(b, w.vsLastYear...)
		b = g.appendNumber(b, w, 1+g.r.IntN(900))
		b = append(b, ' ')
		b = append(b, m[1]...)
	case n < 60:
		return g.appendQuote(b, w)
	default:
		mark := len(b)
		b = g.appendClause(b, w)
		b = capAt(b, mark)
	}
	return append(b, '.')
}

// capAt upper-cases the letter that starts at b[i], for a sentence that
// opens with a subject listed in lower case.
func capAt(b []byte, i int) []byte {
	r, n := utf8.DecodeRune(b[i:])
	u := unicode.ToUpper(r)
	if u == r {
		return b
	}
	if utf8.RuneLen(u) == n {
		utf8.EncodeRune(b[i:], u)
		return b
	}
	rest := string(b[i+n:])
	return append(utf8.AppendRune(b[:i], u), rest...)
}

// appendClause writes "subject verb object [when]." with the subject as
// listed, so callers decide on capitals.
func (g *gen) appendClause(b []byte, w *vocab) []byte {
	b = append(b, g.pick(w.subjects)...)
	b = append(b, ' ')
	b = append(b, g.pick(w.verbs)...)
	b = append(b, ' ')
	b = append(b, g.pick(w.objects)...)
	if g.r.IntN(2) == 0 {
		b = append(b, ' ')
		b = append(b, g.pick(w.times)...)
	}
	return b
}

func (g *gen) appendQuote(b []byte, w *vocab) []byte {
	b = append(b, '"')
	b = append(b, g.pick(w.quotes)...)
	if w.enQuote {
		b = append(b, ",\" "...)
		b = append(b, g.pick(w.says)...)
		b = append(b, ' ')
		b = append(b, g.pick(w.people)...)
		b = append(b, ", "...)
		b = append(b, g.pick(w.roles)...)
		return append(b, '.')
	}
	b = append(b, "\", "...)
	b = append(b, g.pick(w.people)...)
	b = append(b, ", "...)
	b = append(b, g.pick(w.roles)...)
	b = append(b, ", "...)
	b = append(b, g.pick(w.says)...)
	return append(b, '.')
}

// appendNumber writes n, with one decimal in the language's style a third
// of the time ("12,5" in Vietnamese, "12.5" in English).
func (g *gen) appendNumber(b []byte, w *vocab, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	if g.r.IntN(3) == 0 {
		b = append(b, w.decimal, byte('1'+g.r.IntN(9)))
	}
	return b
}

// appendCap appends s with its first letter in upper case.
func appendCap(b []byte, s string) []byte {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return b
	}
	b = utf8.AppendRune(b, unicode.ToUpper(r))
	return append(b, s[n:]...)
}

// appendSlug appends up to words words of text as an ASCII slug:
// Vietnamese letters lose their marks, anything else separates words.
func appendSlug(b, text []byte, words int) []byte {
	start := len(b)
	dash := false
	for len(text) > 0 && words > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
		c := fold(r)
		if c == 0 {
			if len(b) > start && !dash {
				b = append(b, '-')
				dash = true
				words--
			}
			continue
		}
		b = append(b, c)
		dash = false
	}
	if len(b) > start && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return b
}

// fold maps a letter or digit to lower-case ASCII, and anything else to 0.
func fold(r rune) byte {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return byte(r)
	case r >= 'A' && r <= 'Z':
		return byte(r + 'a' - 'A')
	case r < utf8.RuneSelf:
		return 0
	}
	if c, ok := foldVN[unicode.ToLower(r)]; ok {
		return c
	}
	return 0
}

var foldVN = func() map[rune]byte {
	m := map[rune]byte{}
	for c, letters := range map[byte]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ", 'e': "èéẻẽẹêềếểễệ", 'i': "ìíỉĩị",
		'o': "òóỏõọôồốổỗộơờớởỡợ", 'u': "ùúủũụưừứửữự", 'y': "ỳýỷỹỵ", 'd': "đ",
	} {
		for _, r := range letters {
			m[r] = c
		}
	}
	return m
}()
