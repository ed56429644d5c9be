package webhooks_test

import (
	"testing"

	"warmloop/tests/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }
