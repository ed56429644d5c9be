package asks

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// linkVar finds the {{link}} variable, the ask's one call to action.
var linkVar = regexp.MustCompile(`\{\{\s*link\s*\}\}`)

// CheckVariantBody says whether a variant's body can be an ask: it must
// carry the {{link}} variable, the one thing the customer clicks.
func CheckVariantBody(body string) error {
	switch {
	case strings.TrimSpace(body) == "":
		return errors.New("Write the email. It needs the link {{link}}, the one thing the customer clicks.")
	case !linkVar.MatchString(body):
		return errors.New("Put the ask's link in the email, as [Introduce someone]({{link}}): without it the customer has nothing to click.")
	}
	return nil
}

// CheckVariantRename says whether a variant may change its name from one to
// another when asks have recorded the old name: it may not, or its figures
// would split in two.
func CheckVariantRename(from, to string, asks int) error {
	if from == to || asks == 0 {
		return nil
	}
	return fmt.Errorf("%s already recorded the name “%s”; renaming it would split its figures. Keep the name, or add a new variant instead.",
		plural(asks, "ask", "asks"), from)
}

// CheckVariantRelocale says whether a variant asks have recorded may move
// to another locale: it may not, for the same reason it keeps its name.
func CheckVariantRelocale(from, to string, asks int) error {
	if from == to || asks == 0 {
		return nil
	}
	return fmt.Errorf("%s already recorded this variant in “%s”; moving it to another language would split its figures. Add a variant in that language instead.",
		plural(asks, "ask", "asks"), from)
}

// CheckVariantDelete says whether a variant that asks have recorded may be
// deleted: it may not, since the figures by variant count its asks and an
// ask still waiting in the outbox is written from it.
func CheckVariantDelete(asks int) error {
	if asks == 0 {
		return nil
	}
	return fmt.Errorf("This variant cannot be deleted: %s made with it. The overview compares variants by their asks, and an ask still waiting in the outbox is written from it. Deactivate it instead: no new ask gets it, and its history stays.",
		plural(asks, "ask was", "asks were"))
}

// plural writes "1 ask" or "3 asks".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
