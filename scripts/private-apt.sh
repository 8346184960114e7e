# Sourced by the scripts that fetch redis sources: `private_apt WORK` reads deb-src lines on stdin and sets apt_opts so
# that apt-get uses them, with its lists and cache under WORK (the system's apt set-up is not touched), then updates.
private_apt() {
  local work=$1
  cat >"$work/sources.list"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  apt_opts=(-qq -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update >&2
}
