package asks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// FirstCopy draws the copy a first ask would be given now to a customer
// who reads the program's default locale: an active first-touch variant by
// weight, or the ask_email page. The dashboard's test ask uses it, so the
// admin reads what a customer would.
func FirstCopy(app core.App) (mail.Copy, error) {
	s, err := program.Load(app)
	if err != nil {
		return mail.Copy{}, err
	}
	return chooseCopy(app, 1, locale.Chain("", s.DefaultLocale))
}
