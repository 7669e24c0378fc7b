// PNG through libpng's simplified API, JPEG through libjpeg with a
// setjmp error handler (libjpeg's default handler calls exit()).
#include "genc/zoo/ImageIO.h"

#include "genc/zoo/Galaxy.h"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>

#include <jpeglib.h>
#include <png.h>

namespace genc::zoo {

namespace {

struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

File openFile(const std::string &path, const char *mode) {
  File f(std::fopen(path.c_str(), mode));
  if (!f)
    throw DataError(path + ": cannot open (" + std::strerror(errno) + ")");
  return f;
}

RgbImage readPng(const std::string &path) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str()))
    throw DataError(path + ": not a readable PNG (" + image.message + ")");
  image.format = PNG_FORMAT_RGB;
  RgbImage out;
  out.height = static_cast<int>(image.height);
  out.width = static_cast<int>(image.width);
  out.pixels.assign(PNG_IMAGE_SIZE(image), 0); // alpha composites onto black
  if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) {
    std::string message = image.message;
    png_image_free(&image);
    throw DataError(path + ": corrupt PNG (" + message + ")");
  }
  return out;
}

struct JpegError {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpegErrorExit(j_common_ptr info) {
  auto *err = reinterpret_cast<JpegError *>(info->err);
  (*info->err->format_message)(info, err->message);
  std::longjmp(err->jump, 1);
}

void jpegSilence(j_common_ptr, int) {}

// The setjmp frames below hold no C++ objects with destructors between
// setjmp and a possible longjmp except those declared before setjmp.
RgbImage readJpeg(const std::string &path) {
  File file = openFile(path, "rb");
  jpeg_decompress_struct info;
  JpegError err;
  info.err = jpeg_std_error(&err.base);
  err.base.error_exit = jpegErrorExit;
  err.base.emit_message = jpegSilence;
  RgbImage out;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    throw DataError(path + ": corrupt JPEG (" + err.message + ")");
  }
  jpeg_create_decompress(&info);
  jpeg_stdio_src(&info, file.get());
  jpeg_read_header(&info, TRUE);
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
    jpeg_destroy_decompress(&info);
    throw DataError(path + ": CMYK JPEG is not supported (RGB or grayscale "
                           "required)");
  }
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  out.height = static_cast<int>(info.output_height);
  out.width = static_cast<int>(info.output_width);
  out.pixels.resize(static_cast<size_t>(out.height) * out.width * 3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.pixels.data() +
                   static_cast<size_t>(info.output_scanline) * out.width * 3;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return out;
}

} // namespace

RgbImage read_image(const std::string &path) {
  unsigned char magic[8] = {0};
  {
    File f = openFile(path, "rb");
    size_t got = std::fread(magic, 1, sizeof magic, f.get());
    if (got < 3)
      throw DataError(path + ": too short to be a PNG or JPEG file");
  }
  static const unsigned char kPng[8] = {0x89, 'P',  'N',  'G',
                                        '\r', '\n', 0x1a, '\n'};
  if (std::memcmp(magic, kPng, 8) == 0)
    return readPng(path);
  if (magic[0] == 0xff && magic[1] == 0xd8 && magic[2] == 0xff)
    return readJpeg(path);
  throw DataError(path + ": not a PNG or JPEG file");
}

void write_png(const std::string &path, int height, int width,
               const uint8_t *rgb) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file(&image, path.c_str(), 0, rgb, 0, nullptr))
    throw DataError(path + ": cannot write PNG (" + image.message + ")");
}

void write_jpeg(const std::string &path, int height, int width,
                const uint8_t *rgb, int quality) {
  File file = openFile(path, "wb");
  jpeg_compress_struct info;
  JpegError err;
  info.err = jpeg_std_error(&err.base);
  err.base.error_exit = jpegErrorExit;
  err.base.emit_message = jpegSilence;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&info);
    throw DataError(path + ": cannot write JPEG (" + err.message + ")");
  }
  jpeg_create_compress(&info);
  jpeg_stdio_dest(&info, file.get());
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<uint8_t *>(rgb) +
                   static_cast<size_t>(info.next_scanline) * width * 3;
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  if (std::fflush(file.get()) != 0)
    throw DataError(path + ": cannot write JPEG (" + std::strerror(errno) +
                    ")");
}

} // namespace genc::zoo
