package mail_test

import (
	"mime"
	netmail "net/mail"
	"strings"
	"testing"

	"warmloop/internal/mail"
)

// longAddress is an address of 254 bytes, the longest there is.
var longAddress = strings.Repeat("a", 64) + "@" + strings.Repeat("b", 180) + ".example"

func TestAnAddressHeaderReadsBackAsOneAddressWithItsName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Maya Chen, Brightwave Analytics", "Maya Chen, Brightwave Analytics"},
		{`Ann "Boss" <x@evil.example>`, `Ann "Boss" <x@evil.example>`},
		{`a\"b, <c@d.example>`, `a\"b, <c@d.example>`},
		{"José Müller", "José Müller"},
		{"Zoë, Ltd", "Zoë, Ltd"},
		{`Zoë "Z" \ (EMEA) <x@evil.example>`, `Zoë "Z" \ (EMEA) <x@evil.example>`},
		{"=?utf-8?q?x=40evil.example?=", "=?utf-8?q?x=40evil.example?="},
		{"Ana\r\nBcc: spy@evil.example", "Ana Bcc: spy@evil.example"},
		{"  Ana \t Lima\x00 ", "Ana Lima"},
		{strings.Repeat(`"`, 250), strings.Repeat(`"`, 200)},
		{strings.Repeat("😀", 200), strings.Repeat("😀", 50)},
		{strings.Repeat("é", 150), strings.Repeat("é", 100)},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := mail.AddressHeader(netmail.Address{Name: c.name, Address: longAddress})
			line := "Reply-To: " + v
			if len(line) > 998 || strings.IndexFunc(line, func(r rune) bool { return r < ' ' || r > '~' }) >= 0 {
				t.Errorf("%q is not one line of at most 998 printable ASCII characters", line)
			}
			list, err := (&netmail.AddressParser{WordDecoder: new(mime.WordDecoder)}).ParseList(v)
			if err != nil || len(list) != 1 || list[0].Name != c.want || list[0].Address != longAddress {
				t.Errorf("%q reads as %v (%v), want one address named %q", v, list, err, c.want)
			}
		})
	}
}

func TestAPlainNameStaysAsTypedAndOthersAreQuotedOrEncoded(t *testing.T) {
	for name, want := range map[string]string{
		"Ana at Northwind":    "Ana at Northwind",
		"Ana Lima, Acme":      `"Ana Lima, Acme"`,
		`Ann "Boss"`:          `"Ann \"Boss\""`,
		`C:\temp`:             `"C:\\temp"`,
		"José":                "=?utf-8?b?Sm9zw6k=?=",
		"":                    "",
		" \r\n ":              "",
		"=?utf-8?q?Jos=C3=A9": `"=?utf-8?q?Jos=C3=A9"`,
	} {
		if got := mail.Phrase(name); got != want {
			t.Errorf("Phrase(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestAnAddressHeaderCarriesNothingForAnAddressThatIsNotOnePlainAddress(t *testing.T) {
	for _, address := range []string{"", "ana@northwind.example>, spy@evil.example", "Ana <ana@northwind.example>", "ana@northwind.example, spy@evil.example", "nobody"} {
		if v := mail.AddressHeader(netmail.Address{Name: "Ana", Address: address}); v != "" {
			t.Errorf("AddressHeader for %q = %q, want none", address, v)
		}
	}
	if v := mail.AddressHeader(netmail.Address{Address: "ana@northwind.example"}); v != "<ana@northwind.example>" {
		t.Errorf("an address without a name: %q", v)
	}
}
