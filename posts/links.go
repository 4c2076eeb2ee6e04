package posts

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/newsreader/newsreader/posts/safetext"
)

// Link is one link of an article, for the reader's link picker.
type Link struct {
	// Text is what the article shows for the link (an image's alt text),
	// cleaned by safetext.Line. It may be empty.
	Text string
	// URL is the link target as the article gives it, after the cleaning
	// of safetext.Markdown and Markdown's own unescaping ("&amp;" is "&"),
	// so it holds no control character. It is still untrusted (it may be
	// a javascript: link, or point elsewhere than its text says): open,
	// copy or hyperlink it only in the form Safe returns.
	URL string
	// Image is true when the link is the source of an image rather than
	// something to follow; the UI labels it in its own language.
	Image bool
}

// Safe returns the link's URL in the form safetext.URL gives it, and
// whether it may be opened, copied or turned into a terminal hyperlink.
func (l Link) Safe() (string, bool) {
	return safetext.URL(l.URL)
}

// Limits keep a hostile post from turning the link picker into a
// denial of service; no real article comes near them.
const (
	maxLinks    = 1000
	maxLinkText = 300 // bytes, cut at a rune boundary
)

// linkParser reads Markdown the way Glamour does (GFM, so bare URLs and
// www. addresses are links too, and links inside tables are found), so
// the picker lists exactly the links the reader shows. A goldmark parser
// initializes itself once and keeps per-document state in its context,
// so one parser serves concurrent calls.
var linkParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()

// Links returns every link of a Markdown body in the order it appears:
// inline links, reference links, autolinks, bare URLs and images (Image
// set, Text the alt text). A link nested in another, such as an image
// inside a link, comes after it. Links are deduplicated by URL (compared
// in safetext.URL's clean form when it has one), keeping the position and
// the first non-empty text. E-mail addresses are left out: there is
// nothing to open. A reference definition that nothing refers to is left
// out too, as the rendered article does not show it.
//
// The body is first cleaned by safetext.Markdown, as it is before it is
// rendered, so that an escape sequence's brackets can't cut a link apart
// differently from what the reader shows.
func Links(markdownBody string) []Link {
	src := bounded(escapeInlineHTML(safetext.Markdown(markdownBody)))
	doc := linkParser.Parse(text.NewReader(src))

	var links []Link
	index := map[string]int{} // dedup key → position in links
	add := func(l Link) {
		if l.URL == "" {
			return
		}
		key := l.URL
		if clean, ok := safetext.URL(l.URL); ok {
			key = clean
		}
		if i, seen := index[key]; seen {
			if links[i].Text == "" {
				links[i].Text = l.Text
			}
			return
		}
		if len(links) >= maxLinks {
			return
		}
		index[key] = len(links)
		links = append(links, l)
	}

	// The walker never returns an error, so Walk's result says nothing.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			add(Link{Text: nodeText(n, src), URL: destination(n.Destination)})
		case *ast.Image:
			add(Link{Text: nodeText(n, src), URL: destination(n.Destination), Image: true})
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				label := string(n.Label(src))
				add(Link{Text: cleanLinkText(label), URL: string(n.URL(src))})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return links
}

// Bounds on the text given to goldmark. Several of its scans restart at
// every opener and run to the end of the line or paragraph when no closer
// comes ("[a](" repeated on one line, "a <!--a" on many), so a hostile
// post of a few hundred KiB would keep it busy for minutes. Cutting long
// lines at a space and long paragraphs at a line end bounds each scan,
// and real articles have neither: at worst a link whose text straddles a
// cut in such a post is missed.
const (
	maxParse = 512 << 10 // bytes of the body that are searched for links
	maxLine  = 2 << 10
	maxPara  = 8 << 10
)

// escapeInlineHTML puts a backslash before the "<" of each "<!" and "<?"
// inside a line, which would open an inline HTML comment, declaration,
// CDATA section or processing instruction: for every such opener goldmark
// scans the rest of the paragraph for its closer, so a paragraph full of
// unclosed ones costs quadratic time. Raw HTML holds no link we list.
// Openers at the start of a line (after blanks and blockquote markers)
// are left alone, as they may begin an HTML block, which is cheap to
// parse and whose links the reader does not show either; the price is
// that a link inside an inline comment is listed.
func escapeInlineHTML(s string) string {
	if !strings.Contains(s, "<!") && !strings.Contains(s, "<?") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/64)
	lineStart := true // only blanks and '>' so far on this line
	backslashes := 0  // just before i; an odd count escapes s[i] already
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			lineStart = true
		case lineStart && (c == ' ' || c == '\t' || c == '>'):
		case c == '<' && i+1 < len(s) && (s[i+1] == '!' || s[i+1] == '?'):
			if !lineStart && backslashes%2 == 0 {
				b.WriteByte('\\')
			}
			lineStart = false
		default:
			lineStart = false
		}
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteByte(c)
	}
	return b.String()
}

// bounded returns s, cut to maxParse bytes at a line end, with a line
// break added where a line grows past maxLine (at its last space when it
// has one) and a blank line where a paragraph grows past maxPara.
func bounded(s string) []byte {
	if len(s) > maxParse {
		s = s[:maxParse]
		if i := strings.LastIndexByte(s, '\n'); i >= 0 {
			s = s[:i+1]
		}
	}
	out := make([]byte, 0, len(s)+len(s)/maxLine*2+16)
	para := 0
	emit := func(line string) {
		if para += len(line); para > maxPara {
			out = append(out, '\n')
			para = len(line)
		}
		out = append(out, line...)
		out = append(out, '\n')
	}
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if strings.TrimSpace(line) == "" {
			para = 0
		}
		for len(line) > maxLine {
			at := strings.LastIndexAny(line[:maxLine], " \t")
			if at <= 0 {
				at = maxLine
				for at > 0 && !utf8.RuneStart(line[at]) {
					at--
				}
				if at == 0 { // not UTF-8 after all: any cut will do
					at = maxLine
				}
			}
			emit(line[:at])
			line = line[at:]
		}
		emit(line)
	}
	return out
}

// nodeText is the plain text a reader sees for a link or image: its
// inline children without markup, line breaks as spaces.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil && b.Len() <= 4*maxLinkText; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if c.IsRaw() { // code span content: no escapes to resolve
					b.Write(c.Value(src))
				} else {
					b.Write(unescape(c.Value(src)))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.RawHTML:
				// Markup, not text: showing it would only add noise.
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return cleanLinkText(b.String())
}

// destination is what a link destination means: goldmark keeps it as
// written, and Markdown reads backslash escapes and character references
// in it ("&amp;" is "&").
func destination(d []byte) string {
	return string(unescape(d))
}

func unescape(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// cleanLinkText makes s safe to show on one line, collapses its runs of
// spaces and bounds its length.
func cleanLinkText(s string) string {
	// Cleaning more than could be kept is wasted work; the margin leaves
	// room for what cleaning removes.
	s, _ = cut(s, 4*maxLinkText)
	s = strings.Join(strings.Fields(safetext.Line(s)), " ")
	if s, cutOff := cut(s, maxLinkText); cutOff {
		return s + "…"
	}
	return s
}

// cut shortens s to at most n bytes at a rune boundary.
func cut(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// ForRendering prepares a body for Glamour, which parses with goldmark
// too: cleaned by safetext.Markdown and bounded the way Links bounds it, so
// that a hostile post can't keep the renderer busy for minutes. cut
// reports that the body was longer than the part kept.
func ForRendering(body string) (markdown string, cut bool) {
	clean := revealHosts(safetext.Markdown(body))
	return string(bounded(escapeInlineHTML(clean))), len(clean) > maxParse
}

// webAddress finds http(s) addresses anywhere in a body: link targets,
// autolinks, bare addresses, and addresses used as a link's text.
var webAddress = regexp.MustCompile(`(?i)https?://[^\s()<>\[\]"']+`)

// revealHosts rewrites each address whose host has letters beyond ASCII
// to the form safetext.URL gives it, punycode, which is what the browser
// would visit. Glamour shows a link's address as written, so without this
// "https://bаnk.example" with a Cyrillic а would show as the bank's.
func revealHosts(s string) string {
	return webAddress.ReplaceAllStringFunc(s, func(addr string) string {
		rest := addr[strings.Index(addr, "//")+2:]
		host := rest
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			host = rest[:i]
		}
		for i := 0; i < len(host); i++ {
			if host[i] >= utf8.RuneSelf {
				if clean, ok := safetext.URL(addr); ok {
					return clean
				}
				return addr
			}
		}
		return addr
	})
}
