package referrals

import (
	"strings"
	"time"
)

// KnownFor is how long an introduction keeps a person "known": within it, a
// second referrer introducing the same email creates nothing, and the first
// referrer keeps the attribution.
const KnownFor = 180 * 24 * time.Hour

// freeMail are mailbox providers anyone can sign up to. Two people on one of
// them are not colleagues, so it is never treated as a company's domain.
var freeMail = map[string]bool{}

func init() {
	for _, d := range strings.Fields(`
		gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de yahoo.es yahoo.it
		ymail.com rocketmail.com outlook.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de
		hotmail.it live.com live.co.uk live.fr msn.com icloud.com me.com mac.com aol.com
		proton.me protonmail.com pm.me gmx.com gmx.net gmx.de gmx.at web.de t-online.de
		freenet.de mail.com email.com zoho.com zohomail.com yandex.com yandex.ru mail.ru
		inbox.ru bk.ru list.ru fastmail.com fastmail.fm hey.com tutanota.com tuta.io
		orange.fr wanadoo.fr free.fr laposte.net sfr.fr libero.it virgilio.it qq.com
		163.com 126.com naver.com daum.net seznam.cz wp.pl o2.pl onet.pl interia.pl
		btinternet.com sky.com comcast.net verizon.net att.net sbcglobal.net bigpond.com
		rediffmail.com uol.com.br bol.com.br terra.com.br
	`) {
		freeMail[d] = true
	}
}

// Domain is the part of an address after the @, lower-cased.
func Domain(email string) string {
	return strings.ToLower(email[strings.LastIndexByte(email, '@')+1:])
}

// IsFreeMail reports whether a domain belongs to a public mailbox provider.
func IsFreeMail(domain string) bool {
	return freeMail[strings.ToLower(domain)]
}

// SameCompany reports whether two addresses share a company domain. A
// referee at the referrer's own company is allowed (colleagues refer other
// teams) but flagged for review.
func SameCompany(referrer, referee string) bool {
	a, b := Domain(referrer), Domain(referee)
	return a == b && !IsFreeMail(a)
}
