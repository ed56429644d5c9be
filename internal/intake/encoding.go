package intake

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// saveAsUTF8 is how to fix a file in another encoding, in the words of the
// spreadsheets' own menus.
const saveAsUTF8 = `Save it from your spreadsheet as "CSV UTF-8" and try again.`

// CheckCSVText is the one check of a CSV file's encoding, made before any
// line of it is read, by the dashboard's import and by `warmloop import`
// alike: the file must be text in UTF-8 (a byte-order mark is fine). A file
// in Latin-1 or Windows-1252, or in UTF-16, would be read as the wrong
// letters, so it is refused whole, with the line of its first foreign
// character. name is the file's name, for the message.
func CheckCSVText(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return fmt.Errorf("%q is UTF-16 text (a spreadsheet's \"Unicode Text\"), not UTF-8. %s", name, saveAsUTF8)
	}
	if !strings.HasPrefix(http.DetectContentType(data), "text/plain") {
		return fmt.Errorf("%q is not a CSV file. Export it from your spreadsheet as \"CSV UTF-8\" and try again.", name)
	}
	if at := firstNonUTF8(data); at >= 0 {
		line := bytes.Count(data[:at], []byte{'\n'}) + 1
		return fmt.Errorf("%q is not UTF-8 text: line %d has a character in another encoding (Latin-1 or Windows-1252, perhaps). %s",
			name, line, saveAsUTF8)
	}
	return nil
}

// firstNonUTF8 is the offset of the first byte of data that is not UTF-8,
// or -1 when all of it is.
func firstNonUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
