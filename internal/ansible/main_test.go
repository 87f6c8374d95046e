package ansible_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
