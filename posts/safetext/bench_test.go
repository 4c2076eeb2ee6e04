package safetext

import (
	"strings"
	"testing"
)

// vietnameseTitle is a typical title: about 80 bytes, hotness markers, a
// topic tag and precomposed Vietnamese letters.
const vietnameseTitle = "🔥🔥 [AI] Mô hình mới chạy nhanh gấp đôi trên máy chủ Việt Nam"

// vietnameseBody returns a clean NFC Markdown body of about n bytes.
func vietnameseBody(n int) string {
	const para = "Nhóm nghiên cứu cho biết hệ thống đã được thử nghiệm " +
		"trên nhiều bộ dữ liệu tiếng Việt, với kết quả ổn định và chi phí " +
		"thấp hơn đáng kể so với các phiên bản trước.\n\n" +
		"The team says the system was tested on several datasets, with " +
		"stable results and a noticeably lower cost than before.\n\n"
	var b strings.Builder
	b.WriteString("[Nguồn bài viết](https://example.vn/bai-viet-123.html)\n\n")
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

func BenchmarkLineTitle(b *testing.B) {
	b.SetBytes(int64(len(vietnameseTitle)))
	for b.Loop() {
		_ = Line(vietnameseTitle)
	}
}

func BenchmarkLineTitleNFD(b *testing.B) {
	title := hanoiNFD + " " + vietnameseTitle
	b.SetBytes(int64(len(title)))
	for b.Loop() {
		_ = Line(title)
	}
}

func BenchmarkTextBody(b *testing.B) {
	body := vietnameseBody(6 << 10)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_ = Text(body)
	}
}

func BenchmarkTextBodyCRLF(b *testing.B) {
	body := strings.ReplaceAll(vietnameseBody(6<<10), "\n", "\r\n")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_ = Text(body)
	}
}

func BenchmarkMarkdownBody(b *testing.B) {
	body := vietnameseBody(6<<10) + "AT&amp;T &copy; 2025\n"
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_ = Markdown(body)
	}
}
