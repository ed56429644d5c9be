package views

// What the tests of package views_test reach inside the package.
var (
	RedactQuery = redactQuery
	SecretName  = secretName
)
