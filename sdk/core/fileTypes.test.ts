import { describe, expect, it } from 'vitest';
import { formatFileSize, hasActiveExtension, safeFileName, sniffFileType } from './fileTypes.ts';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part)] : part)));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sniffFileType', () => {
  it('knows the accepted types by their magic bytes', () => {
    expect(sniffFileType(bytes(PNG, [0, 0, 0, 13]))).toBe('image/png');
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffFileType(bytes('GIF89a', [1, 0]))).toBe('image/gif');
    expect(sniffFileType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffFileType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(bytes('Order 1234: the router blinks red.\r\nThanks!\n'))).toBe('text/plain');
    expect(sniffFileType(bytes('Grüße, مرحبا, 你好 😀'))).toBe('text/plain');
  });

  it('refuses markup, binaries and anything unknown, whatever it claims to be', () => {
    const refused = [
      '<!DOCTYPE html><html><script>alert(1)</script></html>',
      '  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><svg/>',
      'hello\n<script>alert(1)</script>',
      'Dear agent, see <img src=x onerror=alert(1)>',
    ].map((text) => sniffFileType(bytes(text)));
    expect(refused).toEqual([null, null, null, null, null]);
    expect(sniffFileType(bytes('MZ', [0x90, 0, 3, 0]))).toBeNull(); // a Windows executable
    expect(sniffFileType(bytes([0x50, 0x4b, 3, 4]))).toBeNull(); // zip
    expect(sniffFileType(bytes([0xff, 0xfe, 0x41, 0]))).toBeNull(); // UTF-16
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });

  it('accepts a UTF-8 sequence cut at the end of a partial read, but not of a whole file', () => {
    const cut = bytes('caf', [0xc3]); // "café" cut in the middle of é
    expect(sniffFileType(cut, false)).toBe('text/plain');
    expect(sniffFileType(cut, true)).toBeNull();
  });
});

describe('file names', () => {
  it('refuses extensions that run or render', () => {
    expect(['a.html', 'b.SVG', 'c.js', 'd.exe', 'e.html. ', 'f.mhtml'].map(hasActiveExtension)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['photo.png', 'notes.txt', 'README', '.png'].map(hasActiveExtension)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('strips paths, controls and direction overrides, and makes the extension fit the type', () => {
    expect(safeFileName('../../etc/passwd', 'text/plain')).toBe('_.._etc_passwd.txt');
    expect(safeFileName('C:\\Users\\ada\\photo.PNG', 'image/png')).toBe('C:_Users_ada_photo.PNG');
    expect(safeFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoice_fdp.exe.pdf');
    expect(safeFileName('"><svg onload=alert(1)>.png', 'image/png')).toBe('"><svg onload=alert(1)>.png');
    expect(safeFileName('   ...', 'image/jpeg')).toBe('file.jpg');
    expect(safeFileName('report.pdf', 'text/plain')).toBe('report.pdf.txt');
    const long = safeFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf');
    expect(long).toHaveLength(120);
    expect(long.endsWith('….pdf')).toBe(true);
  });

  it('formats sizes the way people read them', () => {
    expect([12, 2048, 1536 * 1024, 25 * 1024 * 1024].map((n) => formatFileSize(n))).toEqual([
      '12 B',
      '2 KB',
      '1.5 MB',
      '25 MB',
    ]);
    expect(formatFileSize(1536 * 1024, 'de')).toBe('1,5 MB');
  });
});
