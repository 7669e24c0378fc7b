// cblas_sgemm alone on the register-gemm shapes (median and min of 100
// calls): compare OPENBLAS_NUM_THREADS=1 with the default threads.
//   cc -O2 bench/register_gemm/sgemm_shapes.c -o /tmp/sgemm_shapes -lopenblas
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static void run(const char*name,int ta,int M,int N,int K){
  float*A=malloc(sizeof(float)*M*K),*B=malloc(sizeof(float)*K*N),*C=malloc(sizeof(float)*M*N);
  for(long i=0;i<(long)M*K;i++)A[i]=(i%7)*0.1f; for(long i=0;i<(long)K*N;i++)B[i]=(i%5)*0.1f;
  int lda=ta?M:K;
  double ts[100];
  for(int r=0;r<100;r++){double t=now();cblas_sgemm(CblasRowMajor,ta?CblasTrans:CblasNoTrans,CblasNoTrans,M,N,K,1,A,lda,B,N,0,C,N);ts[r]=now()-t;}
  double best=1e9; for(int r=0;r<100;r++) if(ts[r]<best)best=ts[r];
  // median
  for(int i=0;i<100;i++)for(int j=i+1;j<100;j++)if(ts[j]<ts[i]){double x=ts[i];ts[i]=ts[j];ts[j]=x;}
  printf("%-8s M=%5d N=%3d K=%6d MNK=%9ld  median %8.1f us  min %8.1f\n",name,M,N,K,(long)M*N*K,ts[50]*1e6,best*1e6);
  free(A);free(B);free(C);}
int main(){
  run("conv1dW",1,27,16,16384); run("dense",1,8192,10,16); run("conv2dW",1,144,32,4096);
  run("vae1dW",1,48,32,16384); run("vae2dW",1,512,32,4096); run("latent",1,4096,16,64);
  run("conv2f",0,4096,32,144); run("conv1f",0,16384,16,27); run("vae1f",0,16384,48,48);
  run("vae1f",0,16384,32,48); run("vae2f",0,4096,32,512);
}
