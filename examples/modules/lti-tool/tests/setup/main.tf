# A fresh release label for one `terraform test` run, fixed once in state so every
# run of the suite uses the same one (timestamp() would change between runs).
output "release" {
  value = "t${formatdate("YYYYMMDDhhmmss", timestamp())}"
}
