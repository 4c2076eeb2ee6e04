package postgen

// vocab is everything one language needs to write a post. The lists are
// written so that any pick combines into a grammatical sentence: subjects
// start lower-case unless they are names (the generator capitalizes the
// start of a sentence), and English verbs are in the past tense so they
// agree with singular and plural subjects alike.
type vocab struct {
	category   string
	topics     []string // index-aligned between languages, so twins share a topic
	subjects   []string
	verbs      []string
	objects    []string
	times      []string
	sources    []string // sentence openers, already capitalized
	connectors []string
	claimIntro []string
	claims     []string
	metrics    [][2]string // what is measured, and its unit
	up, down   string
	vsLastYear string // between the percentage and the amount
	quotes     []string
	people     []string
	roles      []string
	says       []string
	enQuote    bool // `"…," said X, role.` rather than `"…", X, role, nói.`

	titleSubjects []string
	titleVerbs    []string
	quoteBy       []string // who a quote headline is attributed to
	questionHead  string   // "Vì sao " / "What "
	questionTail  []string // English only: " means for users"

	captions  [][2]string // text around an object
	photo     string
	authors   []string
	headings  []string
	listIntro []string

	decimal   byte
	linkBase  []string // the source site's sections
	linkExt   string
	imageBase string
}

// The twin's topic must name the same subject in the other language, so
// keep these two lists in the same order.
var vn = vocab{
	category: "entries VN",
	topics: []string{"AI", "Chip", "Startup", "Bảo mật", "Điện thoại", "Viễn thông",
		"Xe điện", "Game", "Đám mây", "Mạng xã hội", "Thương mại điện tử", "Vũ trụ",
		"Robot", "Fintech", "Sen Vàng AI"},
	subjects: []string{
		"công ty khởi nghiệp Hải Đăng", "tập đoàn công nghệ Sao Bắc",
		"phòng thí nghiệm Sen Vàng AI", "nhà mạng Lam Sơn Telecom",
		"hãng điện thoại Mây Xanh", "ví điện tử Tràng An Pay",
		"sàn thương mại điện tử Chợ Phố", "một nhóm kỹ sư tại Đà Nẵng",
		"nhiều doanh nghiệp vừa và nhỏ", "các nhà nghiên cứu bảo mật",
		"bộ phận phát triển sản phẩm của công ty", "một quỹ đầu tư mạo hiểm tại Singapore",
		"các nhà sản xuất chip châu Á", "cơ quan quản lý",
		"đội ngũ kỹ sư phần mềm trong nước", "một số trường đại học kỹ thuật",
		"hãng xe điện Bạch Đằng Motors", "công ty an ninh mạng Khiên Việt",
		"studio trò chơi Cánh Diều", "startup robot Bến Nghé Robotics",
	},
	verbs: []string{
		"vừa công bố", "đang thử nghiệm", "dự kiến ra mắt", "cho biết sẽ đầu tư mạnh vào",
		"đã hoàn tất", "tiếp tục mở rộng", "bắt đầu triển khai", "đánh giá cao",
		"bày tỏ lo ngại về", "đang đàm phán để mua lại", "vừa nâng cấp",
		"đẩy mạnh phát triển", "kêu gọi siết chặt quy định về", "quyết định tạm dừng",
		"tăng gấp đôi ngân sách cho", "chính thức thương mại hóa",
	},
	objects: []string{
		"mô hình ngôn ngữ mới cho tiếng Việt", "dòng chip xử lý AI tiết kiệm điện",
		"ứng dụng thanh toán bằng khuôn mặt", "trung tâm dữ liệu làm mát bằng chất lỏng",
		"mạng 5G tại các khu công nghiệp", "trợ lý ảo tự động trả lời khách hàng",
		"nền tảng điện toán đám mây trong nước", "cảm biến thông minh cho nông nghiệp",
		"bản cập nhật vá lỗ hổng nghiêm trọng", "mẫu điện thoại gập giá rẻ",
		"dịch vụ giao hàng bằng xe máy điện", "công cụ phát hiện video giả mạo",
		"chương trình đào tạo kỹ sư vi mạch", "pin thể rắn cho xe điện",
		"robot phân loại hàng hóa trong kho", "trò chơi nhập vai do người Việt phát triển",
		"vệ tinh quan sát Trái Đất cỡ nhỏ", "hệ thống chấm công bằng nhận diện giọng nói",
		"gói cước Internet vệ tinh cho vùng sâu", "kính thực tế ảo dành cho lớp học",
	},
	times: []string{
		"trong quý tới", "từ đầu năm nay", "tại TP HCM", "ở Hà Nội", "trong tuần qua",
		"vào cuối năm", "trong ba năm tới", "tại thị trường Đông Nam Á",
		"sau nhiều tháng thử nghiệm", "trong bối cảnh cạnh tranh ngày càng gay gắt",
		"ngay trong tháng này", "tại các tỉnh miền Trung", "dù thị trường còn nhiều biến động",
	},
	sources: []string{
		"Theo báo cáo mới nhất của công ty, ", "Theo đại diện doanh nghiệp, ",
		"Theo số liệu của cơ quan quản lý, ", "Theo một nguồn tin am hiểu vấn đề, ",
		"Theo các chuyên gia, ", "Theo kế hoạch, ",
	},
	connectors: []string{"Tuy nhiên, ", "Bên cạnh đó, ", "Trước đó, ", "Đáng chú ý, ",
		"Cũng trong năm nay, ", "Ngoài ra, "},
	claimIntro: []string{"Giới chuyên gia cho rằng ", "Nhiều nhà phân tích nhận định ",
		"Các nhà đầu tư tin rằng ", "Một số ý kiến lo ngại "},
	claims: []string{
		"thị trường sẽ còn biến động mạnh trong năm tới", "chi phí phần cứng vẫn là rào cản lớn nhất",
		"người dùng ngày càng quan tâm đến quyền riêng tư", "nguồn nhân lực chất lượng cao đang thiếu hụt",
		"cuộc đua AI mới chỉ bắt đầu", "doanh nghiệp nhỏ sẽ khó theo kịp tốc độ thay đổi",
		"quy định pháp lý chưa theo kịp công nghệ", "lợi nhuận chỉ đến sau vài năm đầu tư",
	},
	metrics: [][2]string{
		{"Doanh thu quý gần nhất", "tỷ đồng"}, {"Số người dùng hằng tháng", "triệu người"},
		{"Lượng đơn hàng mỗi ngày", "nghìn đơn"}, {"Chi phí vận hành", "triệu USD"},
		{"Số vụ tấn công được ghi nhận", "nghìn vụ"}, {"Lượng dữ liệu xử lý mỗi ngày", "terabyte"},
		{"Vốn đầu tư vào lĩnh vực này", "triệu USD"},
	},
	up: "tăng", down: "giảm", vsLastYear: "% so với cùng kỳ năm trước, đạt ",
	quotes: []string{
		"Chúng tôi không chạy theo số lượng mà tập trung vào chất lượng dịch vụ",
		"Thị trường vẫn còn rất nhiều dư địa cho các công ty trong nước",
		"Bảo mật phải được tính đến ngay từ khâu thiết kế",
		"Người dùng sẽ là bên hưởng lợi nhiều nhất",
		"Đây mới chỉ là bước đầu, chặng đường phía trước còn dài",
		"Điều khó nhất không phải công nghệ mà là thay đổi thói quen của khách hàng",
		"Chúng tôi muốn sản phẩm do người Việt làm ra có thể cạnh tranh sòng phẳng",
		"Nếu không đầu tư ngay từ bây giờ, chúng ta sẽ bị bỏ lại phía sau",
	},
	people: []string{"ông Nguyễn Văn Minh", "bà Trần Thị Lan", "anh Lê Quốc Bảo", "chị Phạm Thu Trang",
		"ông Hoàng Đức Anh", "bà Vũ Ngọc Mai", "anh Đặng Hải Nam", "chị Bùi Thanh Hương"},
	roles: []string{"giám đốc điều hành", "trưởng nhóm nghiên cứu", "chuyên gia bảo mật",
		"nhà sáng lập", "giám đốc sản phẩm", "phó chủ tịch phụ trách công nghệ",
		"chuyên gia phân tích thị trường"},
	says: []string{"cho biết", "nói", "nhận định", "chia sẻ"},

	titleSubjects: []string{"Hải Đăng", "Sen Vàng AI", "Sao Bắc", "Lam Sơn Telecom", "Mây Xanh",
		"Tràng An Pay", "Chợ Phố", "Khiên Việt", "Bạch Đằng Motors", "Startup Việt",
		"Nhà mạng", "Ngân hàng số", "Hãng chip Hàn Quốc", "Doanh nghiệp Việt"},
	titleVerbs: []string{"công bố", "thử nghiệm", "sắp ra mắt", "đầu tư mạnh vào", "hoàn tất",
		"mở rộng", "triển khai", "lo ngại về", "muốn mua lại", "nâng cấp", "đặt cược vào",
		"tạm dừng", "thương mại hóa"},
	quoteBy: []string{"CEO Hải Đăng", "Chuyên gia bảo mật", "Nhà sáng lập Sẻ Xanh",
		"Lãnh đạo Sen Vàng AI", "Giám đốc Mây Xanh"},
	questionHead: "Vì sao ",

	captions: [][2]string{{"Minh họa ", "."}, {"Giới thiệu ", " tại một sự kiện ở TP HCM."},
		{"Kỹ sư thử nghiệm ", "."}, {"Khách tham quan tìm hiểu ", " tại triển lãm công nghệ."}},
	photo: " Ảnh: ",
	authors: []string{"Minh Anh", "Quang Huy", "Khánh Linh", "Hoàng Nam", "Thanh Tùng", "Đức Thịnh",
		"Hữu Phước", "Gia Bảo", "Thu Hằng", "Ngọc Diệp", "Văn Toàn"},
	headings: []string{"Cuộc đua chưa có hồi kết", "Thách thức phía trước", "Người dùng được gì",
		"Bài toán chi phí", "Phản ứng của thị trường", "Bước tiếp theo"},
	listIntro: []string{"Một số điểm đáng chú ý:", "Các hạng mục chính gồm:"},

	decimal:   ',',
	linkBase:  []string{"https://news.example.vn/so-hoa/", "https://news.example.vn/kinh-doanh/", "https://news.example.vn/khoa-hoc/"},
	linkExt:   ".html",
	imageBase: "https://img.example.vn/",
}

var en = vocab{
	category: "entries EN",
	topics: []string{"AI", "Chip", "Startup", "Security", "Phones", "Telecom",
		"EV", "Gaming", "Cloud", "Social media", "E-commerce", "Space",
		"Robotics", "Fintech", "Golden Lotus AI"},
	subjects: []string{
		"the startup Second Spark", "Harbor Labs", "North Star Group",
		"the carrier Blue Cloud Telecom", "phone maker Skyline", "the e-wallet Tide Pay",
		"the marketplace Corner Market", "a team of engineers in Da Nang",
		"many small and mid-sized firms", "security researchers",
		"the company's product team", "a Singapore-based venture fund",
		"Asian chipmakers", "regulators", "local software engineers",
		"several technical universities", "the EV maker Riverside Motors",
		"the cybersecurity firm Shieldline", "the game studio Paper Kite",
		"the robotics startup Wharf Robotics",
	},
	verbs: []string{
		"unveiled", "began testing", "completed", "expanded", "started rolling out",
		"raised concerns about", "upgraded", "paused", "agreed to buy", "stepped up work on",
		"called for tighter rules on", "quietly launched", "doubled spending on",
		"commercialised", "praised",
	},
	objects: []string{
		"a new language model for Vietnamese", "a power-efficient AI chip", "a face-payment app",
		"a liquid-cooled data centre", "5G coverage in industrial parks",
		"an automated customer-service assistant", "a domestic cloud platform",
		"smart sensors for farms", "a patch for a critical vulnerability",
		"a budget foldable phone", "electric scooter delivery", "a deepfake detection tool",
		"a chip-design training programme", "solid-state batteries for EVs",
		"warehouse sorting robots", "a role-playing game made in Vietnam",
		"a small Earth-observation satellite", "voice-based attendance tracking",
		"satellite internet for remote areas", "VR headsets for classrooms",
	},
	times: []string{
		"next quarter", "since the start of the year", "in Ho Chi Minh City", "in Hanoi",
		"last week", "by the end of the year", "over the next three years",
		"across Southeast Asia", "after months of testing", "as competition heats up",
		"earlier this month", "in the central provinces", "despite a volatile market",
	},
	sources: []string{
		"According to the company's latest report, ", "According to a company spokesperson, ",
		"According to regulator data, ", "According to a person familiar with the matter, ",
		"According to analysts, ", "Under the plan, ",
	},
	connectors: []string{"However, ", "In addition, ", "Earlier, ", "Notably, ",
		"Also this year, ", "Meanwhile, "},
	claimIntro: []string{"Analysts say ", "Industry experts believe ",
		"Investors expect that ", "Some critics worry that "},
	claims: []string{
		"the market will stay volatile next year", "hardware costs remain the biggest barrier",
		"users care more and more about privacy", "skilled engineers are in short supply",
		"the AI race has only just begun", "small firms will struggle to keep up",
		"regulation has not caught up with the technology", "profits will only come after years of investment",
	},
	metrics: [][2]string{
		{"Revenue in the latest quarter", "billion dong"}, {"Monthly active users", "million people"},
		{"Daily orders", "thousand orders"}, {"Operating costs", "million USD"},
		{"Recorded attacks", "thousand incidents"}, {"Data processed each day", "terabytes"},
		{"Investment in the sector", "million USD"},
	},
	up: "rose", down: "fell", vsLastYear: "% from a year earlier to ",
	quotes: []string{
		"We are not chasing volume, we are focused on quality",
		"There is still plenty of room for local companies in this market",
		"Security has to be built in from the design stage",
		"Users will be the ones who benefit the most",
		"This is only the first step, and the road ahead is long",
		"The hard part is not the technology but changing customer habits",
		"We want products made in Vietnam to compete on equal terms",
		"If we do not invest now, we will be left behind",
	},
	people: []string{"Mai Nguyen", "Tom Reed", "Anna Pham", "Daniel Cho", "Linh Tran",
		"Huy Le", "Sara Vo", "Kevin Dang"},
	roles: []string{"chief executive", "head of research", "a security specialist", "the founder",
		"head of product", "vice president of technology", "a market analyst"},
	says:    []string{"said", "noted", "added"},
	enQuote: true,

	titleSubjects: []string{"Second Spark", "Harbor Labs", "North Star", "Blue Cloud", "Skyline",
		"Tide Pay", "Corner Market", "Shieldline", "Riverside Motors", "Vietnamese startup",
		"Local bank", "Korean chipmaker", "Golden Lotus AI"},
	titleVerbs: []string{"unveils", "tests", "completes", "expands", "rolls out", "warns about",
		"upgrades", "pauses", "agrees to buy", "bets on", "doubles down on", "launches"},
	quoteBy: []string{"Harbor Labs CEO", "Security expert", "Second Spark founder",
		"Golden Lotus AI chief", "Skyline executive"},
	questionHead: "What ",
	questionTail: []string{" means for users", " means for small businesses",
		" means for developers", " means for banks", " means for schools"},

	captions: [][2]string{{"An illustration of ", "."}, {"Presenting ", " at an event in Ho Chi Minh City."},
		{"Engineers testing ", "."}, {"Visitors look at ", " at a technology fair."}},
	photo:     " Photo: ",
	authors:   []string{"Mai Nguyen", "Tom Reed", "Staff writer", "Linh Tran", "Anna Pham"},
	headings:  []string{"What changes for users", "The cost question", "Challenges ahead", "How the market reacted", "What comes next", "A crowded race"},
	listIntro: []string{"Key points:", "The main items are:"},

	decimal:   '.',
	linkBase:  []string{"https://example.com/tech/", "https://example.com/business/"},
	imageBase: "https://img.example.com/",
}

// deepDirs names the folders of the few deeply nested posts.
var deepDirs = []string{"archive", "imported", "old", "batch-07", "misc", "ban-nhap"}
