# Exercises files and directories inside the pre-opened /work, and checks that nothing outside it is reachable.
import csv, os, sys

def show(label, f):
    try:
        print(label, '->', f())
    except OSError as e:
        print(label, '-> OSError', e.errno, type(e).__name__)

print('cwd listing', sorted(os.listdir('/work')))
with open('/work/data/input.csv', newline='') as f:
    rows = list(csv.DictReader(f))
os.mkdir('/work/out')
with open('/work/out/report.txt', 'w') as out:
    for r in sorted(rows, key=lambda r: int(r['population']) / int(r['area_km2']), reverse=True):
        out.write(f"{r['city']:<8}{int(r['population']) / int(r['area_km2']):>10.1f}\n")
print(open('/work/out/report.txt').read(), end='')
with open('/work/data/log.txt', 'a') as f:
    f.write('appended line\n')
with open('/work/data/log.txt', 'rb') as f:
    f.seek(-14, os.SEEK_END)
    print('tail', f.read(), f.tell())
with open('/work/out/scratch.bin', 'wb') as f:
    f.write(bytes(range(256)) * 4)
print('sizes', os.stat('/work/out/scratch.bin').st_size, os.path.getsize('/work/data/input.csv'))
os.rename('/work/out/scratch.bin', '/work/out/renamed.bin')
print('exists', os.path.exists('/work/out/scratch.bin'), os.path.exists('/work/out/renamed.bin'))
os.remove('/work/out/renamed.bin')
os.makedirs('/work/tmp/a/b')
os.rmdir('/work/tmp/a/b')
os.symlink('data/input.csv', '/work/link.csv')
print('readlink', os.readlink('/work/link.csv'), 'islink', os.path.islink('/work/link.csv'))
with open('/work/link.csv') as f:
    print('through the link', f.readline().strip())
for root, dirs, files in os.walk('/work'):
    dirs.sort()
    print('walk', root, sorted(files))
show('missing file', lambda: open('/work/nothing.txt').read())
show('dot-dot escape', lambda: open('/work/../etc/passwd').read())
show('absolute outside', lambda: open('/etc/passwd').read())
os.symlink('../../../../../../etc', '/work/escape')
show('symlink escape', lambda: open('/work/escape/passwd').read())
show('listdir outside', lambda: os.listdir('/'))
show('rmdir non-empty', lambda: os.rmdir('/work/data'))
show('mkdir existing', lambda: os.mkdir('/work/out'))
sys.exit(0)
