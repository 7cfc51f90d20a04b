package writer

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// fileSystem is every disk operation the writer performs. It exists so
// tests can inject a failure at each step and check what is left behind.
// Implementations must be safe for concurrent use (files are staged in
// parallel).
type fileSystem interface {
	Lstat(name string) (fs.FileInfo, error)
	EvalSymlinks(name string) (string, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	// ReadFile reads at most limit bytes, or all of the file when limit < 0.
	ReadFile(name string, limit int64) ([]byte, error)
	MkdirAll(name string, perm fs.FileMode) error
	Mkdir(name string, perm fs.FileMode) error
	MkdirTemp(dir, pattern string) (string, error)
	// Create makes a new file that must not exist yet.
	Create(name string, perm fs.FileMode) (writableFile, error)
	Rename(oldpath, newpath string) error
	Remove(name string) error
	RemoveAll(name string) error
	// SyncDir makes the entries of directory name durable (created,
	// renamed and removed files), as fsync does for a file's content.
	SyncDir(name string) error
}

// writableFile is the part of *os.File that staging uses.
type writableFile interface {
	io.Writer
	Sync() error
	Close() error
}

// osFS is the real file system.
type osFS struct{}

func (osFS) Lstat(name string) (fs.FileInfo, error)        { return os.Lstat(name) }
func (osFS) EvalSymlinks(name string) (string, error)      { return filepath.EvalSymlinks(name) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error)    { return os.ReadDir(name) }
func (osFS) MkdirAll(name string, perm fs.FileMode) error  { return os.MkdirAll(name, perm) }
func (osFS) Mkdir(name string, perm fs.FileMode) error     { return os.Mkdir(name, perm) }
func (osFS) MkdirTemp(dir, pattern string) (string, error) { return os.MkdirTemp(dir, pattern) }
func (osFS) Rename(oldpath, newpath string) error          { return os.Rename(oldpath, newpath) }
func (osFS) Remove(name string) error                      { return os.Remove(name) }
func (osFS) RemoveAll(name string) error                   { return os.RemoveAll(name) }

func (osFS) ReadFile(name string, limit int64) ([]byte, error) {
	if limit < 0 {
		return os.ReadFile(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

func (osFS) Create(name string, perm fs.FileMode) (writableFile, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
}

func (osFS) SyncDir(name string) error {
	if runtime.GOOS == "windows" {
		// Windows cannot open a directory for syncing; NTFS journals
		// its metadata itself.
		return nil
	}
	d, err := os.Open(name)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
