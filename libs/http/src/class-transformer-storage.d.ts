// class-transformer ships the types of its metadata store apart from the CommonJS module.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
