package ui

import (
	"fmt"
	"time"
)

// Lang is the language of the interface.
type Lang string

// The interface languages.
const (
	English    Lang = "en"
	Vietnamese Lang = "vi"
)

// texts is every piece of UI text that is not a key's help.
type texts struct {
	lang           Lang
	appName        string
	posts          string // "%d posts"
	onePost        string
	matches        string // "%d of %d"
	samples        string
	noPosts        string
	noMatches      string
	noDate         string
	loading        string
	tooSmall       string
	badPost        string
	badPostHint    string
	source         string
	noSelection    string
	readError      string
	folderError    string
	skipped        string // "%d skipped"
	searchHint     string
	searching      string // body search under way
	imageLabel     string // before an image's text in an article
	helpMore       string // the help scrolled in a short window: lines, scroll keys, close key
	filter         string
	sortNames      [3]string
	twin           string // list marker title
	noTwin         string
	isNotYet       string
	noFind         string
	stateError     string // "%v": marks are off
	unread         string // "%d unread"
	allRead        string
	renderPanic    string // "%s", "%v": the file, what went wrong
	loadError      string
	linkRefused    string
	linkOpened     string
	linkCopied     string
	linkCopiedTerm string
	noSource       string
	linksTitle     string
	noLinks        string
	linkBad        string
	image          string
	linksHint      string
	noEdit         string
	findLabel      string
	weekdays       [7]string
	months         [12]string
}

var textsEN = texts{
	lang:           English,
	appName:        "newsreader",
	posts:          "%d posts",
	onePost:        "1 post",
	matches:        "%d of %d",
	samples:        "built-in sample posts (no ./_posts or ./posts here)",
	noPosts:        "No posts here.",
	noMatches:      "Nothing matches. esc clears the search.",
	noDate:         "no date",
	loading:        "Loading…",
	tooSmall:       "too small",
	badPost:        "This file is not a valid post.",
	badPostHint:    "Fix its front matter (the block between the --- lines) and open it again. Its text follows as it is.",
	source:         "Source",
	noSelection:    "Select a post to read it.",
	readError:      "Could not read this post: %v",
	folderError:    "Could not list the folder of %s: %v",
	skipped:        "%d skipped",
	searchHint:     "words, lang:vn topic:ai hot:2 since:2025-01-01 cat:…",
	searching:      "searching articles…",
	imageLabel:     "Image:",
	helpMore:       "lines %d–%d of %d · %s scroll · %s close",
	filter:         "filter",
	sortNames:      [3]string{"newest", "hottest", "oldest"},
	twin:           "⇄",
	noTwin:         "This post has no version in the other language.",
	isNotYet:       "is: needs read marks, which are off (see the status line at start)",
	noFind:         "no match",
	stateError:     "read marks are off: %v",
	unread:         "%d unread",
	allRead:        "Everything here is read.",
	loadError:      "Could not list the folder",
	renderPanic:    "newsreader failed while showing %s (%v). Please report this with the file; the other posts are not affected.",
	linkRefused:    "Refused to open %q: only http and https links with a host are opened.",
	linkOpened:     "Opened %s in the browser.",
	linkCopied:     "Copied %s.",
	linkCopiedTerm: "Sent %s to the terminal's clipboard (no system clipboard program found).",
	noSource:       "This post has no source link.",
	linksTitle:     "Links in this article",
	noLinks:        "This article has no links.",
	linkBad:        "(refused: not an http/https link)",
	image:          "image: ",
	linksHint:      "1–9 or j/k to choose · enter/o open · y copy · esc close",
	noEdit:         "This post is not a file on disk (built in, or piped), so there is nothing to edit.",
	findLabel:      "find",
	weekdays:       [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	months:         [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

var textsVI = texts{
	lang:           Vietnamese,
	appName:        "newsreader",
	posts:          "%d bài",
	onePost:        "1 bài",
	matches:        "%d trên %d",
	samples:        "bài mẫu có sẵn (không thấy ./_posts hay ./posts)",
	noPosts:        "Không có bài nào ở đây.",
	noMatches:      "Không có bài nào khớp. Nhấn esc để xoá tìm kiếm.",
	noDate:         "không ngày",
	loading:        "Đang tải…",
	tooSmall:       "quá nhỏ",
	badPost:        "Tệp này không phải là bài viết hợp lệ.",
	badPostHint:    "Hãy sửa phần front matter (khối giữa hai dòng ---) rồi mở lại. Nội dung tệp được hiển thị nguyên văn bên dưới.",
	source:         "Nguồn",
	noSelection:    "Chọn một bài để đọc.",
	readError:      "Không đọc được bài này: %v",
	folderError:    "Không liệt kê được thư mục của %s: %v",
	skipped:        "bỏ qua %d",
	searchHint:     "từ khoá, lang:vn topic:ai hot:2 since:2025-01-01 cat:…",
	searching:      "đang tìm trong nội dung…",
	imageLabel:     "Ảnh:",
	helpMore:       "dòng %d–%d / %d · %s cuộn · %s để đóng",
	filter:         "lọc",
	sortNames:      [3]string{"mới nhất", "nóng nhất", "cũ nhất"},
	twin:           "⇄",
	noTwin:         "Bài này không có bản ở ngôn ngữ kia.",
	isNotYet:       "is: cần dấu đã đọc, hiện không lưu được",
	noFind:         "không thấy",
	stateError:     "không lưu được dấu đã đọc: %v",
	unread:         "%d chưa đọc",
	allRead:        "Đã đọc hết các bài ở đây.",
	loadError:      "Không liệt kê được thư mục",
	renderPanic:    "newsreader gặp lỗi khi hiển thị %s (%v). Hãy báo lỗi kèm tệp này; các bài khác không bị ảnh hưởng.",
	linkRefused:    "Không mở %q: chỉ mở link http và https có tên miền.",
	linkOpened:     "Đã mở %s trong trình duyệt.",
	linkCopied:     "Đã chép %s.",
	linkCopiedTerm: "Đã gửi %s tới bộ nhớ tạm của terminal (không thấy chương trình clipboard của hệ thống).",
	noSource:       "Bài này không có link bài gốc.",
	linksTitle:     "Các link trong bài",
	noLinks:        "Bài này không có link nào.",
	linkBad:        "(bị chặn: không phải link http/https)",
	image:          "ảnh: ",
	linksHint:      "1–9 hoặc j/k để chọn · enter/o mở · y chép · esc đóng",
	noEdit:         "Bài này không phải là tệp trên đĩa (bài mẫu hoặc nội dung dẫn vào), nên không sửa được.",
	findLabel:      "tìm",
	weekdays:       [7]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"},
	months:         [12]string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"},
}

func textsFor(l Lang) texts {
	if l == Vietnamese {
		return textsVI
	}
	return textsEN
}

// fullDate is the date in the article header: "Thứ Hai, 03/02/2025 15:00"
// or "Mon 3 Feb 2025 15:00", with the post's own zone when it is not the
// reader's, and how long ago when that is recent.
func (t texts) fullDate(d, now time.Time) string {
	var s string
	if t.lang == Vietnamese {
		s = fmt.Sprintf("%s, %02d/%02d/%d %02d:%02d", t.weekdays[d.Weekday()], d.Day(), int(d.Month()), d.Year(), d.Hour(), d.Minute())
	} else {
		s = fmt.Sprintf("%s %d %s %d %02d:%02d", t.weekdays[d.Weekday()], d.Day(), t.months[d.Month()-1], d.Year(), d.Hour(), d.Minute())
	}
	s += " " + d.Format("-0700")
	if ago := t.ago(d, now); ago != "" {
		s += " (" + ago + ")"
	}
	return s
}

// shortDate is the list's date column: how long ago for the last day,
// else the day.
func (t texts) shortDate(d, now time.Time) string {
	if ago := t.ago(d, now); ago != "" {
		return ago
	}
	if t.lang == Vietnamese {
		return fmt.Sprintf("%02d/%02d/%d", d.Day(), int(d.Month()), d.Year())
	}
	return d.Format("2006-01-02")
}

// ago says how long ago d was, for times in the last 24 hours.
func (t texts) ago(d, now time.Time) string {
	diff := now.Sub(d)
	if diff < 0 || diff >= 24*time.Hour {
		return ""
	}
	vi := t.lang == Vietnamese
	switch {
	case diff < time.Minute:
		if vi {
			return "vừa xong"
		}
		return "just now"
	case diff < time.Hour:
		n := int(diff / time.Minute)
		if vi {
			return fmt.Sprintf("%d phút trước", n)
		}
		if n == 1 {
			return "1 min ago"
		}
		return fmt.Sprintf("%d mins ago", n)
	default:
		n := int(diff / time.Hour)
		if vi {
			return fmt.Sprintf("%d giờ trước", n)
		}
		if n == 1 {
			return "1 hour ago"
		}
		return fmt.Sprintf("%d hours ago", n)
	}
}
