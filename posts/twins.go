package posts

import (
	"path"
	"strings"
)

// Twins pairs the two language versions of one story: each post of a pair
// maps to the other.
type Twins map[*Post]*Post

// PairTwins finds the VN/EN versions of the same stories. A pair is made by
// the first rule that applies, each post in one pair at most:
//  1. the same explicit key in the front matter (ref, translation_key,
//     translationKey, lang_ref);
//  2. the same path in sibling folders named by language (en/…/X.md and
//     vi/…/X.md, _posts/en and _posts/vn);
//  3. the same name with a language suffix (X.vi.md and X.en.md,
//     X-vn.md and X-en.md);
//  4. the same source link.
//
// A rule pairs only a group of exactly one VN and one EN post: when three
// posts share a key, guessing which two belong together would be wrong as
// often as right.
func PairTwins(ps []*Post) Twins {
	tw := make(Twins)
	rules := []func(*Post) string{
		func(p *Post) string { return p.Ref },
		langFolderKey,
		langSuffixKey,
		func(p *Post) string { return p.Source },
	}
	for _, key := range rules {
		groups := make(map[string][]*Post)
		for _, p := range ps {
			if p.Err != nil || p.Lang == LangUnknown || tw[p] != nil {
				continue
			}
			if k := key(p); k != "" {
				groups[k] = append(groups[k], p)
			}
		}
		for _, g := range groups {
			if len(g) == 2 && g[0].Lang != g[1].Lang {
				tw[g[0]], tw[g[1]] = g[1], g[0]
			}
		}
	}
	return tw
}

// langNames are folder names and suffixes that name a language.
var langNames = map[string]bool{"en": true, "vi": true, "vn": true, "eng": true, "vie": true, "english": true, "vietnamese": true}

// langFolderKey is the post's path with its language folder replaced, or
// "" when no folder of the path names a language.
func langFolderKey(p *Post) string {
	parts := strings.Split(path.Dir(p.Path), "/")
	for i, part := range parts {
		if langNames[strings.ToLower(part)] {
			parts[i] = "\x00"
			return strings.Join(parts, "/") + "/" + path.Base(p.Path)
		}
	}
	return ""
}

// langSuffixKey is the post's path without a language suffix on its name
// (X.vi.md, X-en.md, X_vn.txt), or "" when it has none.
func langSuffixKey(p *Post) string {
	ext := path.Ext(p.Path)
	stem := strings.TrimSuffix(p.Path, ext)
	i := strings.LastIndexAny(stem, ".-_")
	if i <= strings.LastIndex(stem, "/")+1 || !langNames[strings.ToLower(stem[i+1:])] {
		return ""
	}
	return stem[:i] + "\x00" + ext
}
