package customers

import "strings"

// MatchKey is the form in which two addresses are compared to decide
// whether they reach the same person: the address in its canonical form
// (CanonicalEmail) with what mail servers ignore when they deliver taken
// out, so a person who declined cannot be introduced again as a variant of
// their own address. Every check of "do we know this person already" uses
// it: the referral duplicate and declined checks, the share link's form,
// and the booking webhook's match. It is for comparing only; an address is
// stored and written to as it was given.
//
//   - A "+tag" at the end of the local part is dropped on every domain
//     ("jo+news@fabrikam.com" is "jo@fabrikam.com"). Gmail, Outlook.com,
//     iCloud, Fastmail, Proton, Zoho and Yandex deliver it to the mailbox
//     without the tag, and so do the company mail services most businesses
//     run on (Google Workspace, Microsoft 365). A false match costs one
//     introduction not sent; a missed one writes to someone who said no.
//   - Dots in the local part are dropped on gmail.com and googlemail.com
//     only, the one provider that ignores them ("j.o.bloggs@gmail.com" is
//     "jobloggs@gmail.com"); googlemail.com is gmail.com.
//
// A local part that starts with "+" keeps it: there is no mailbox before it.
func MatchKey(email string) string {
	email = CanonicalEmail(email)
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return email
	}
	local, domain := email[:at], email[at+1:]
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		local, domain = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + domain
}
